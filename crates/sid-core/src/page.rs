//! What every HTML page shares: the navigation bar data, CSRF, rendering and static assets.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::Cookie;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use askama::Template;

use crate::auth::{csrf, Caller, Role};
use crate::state::AppState;
use crate::{Error, Result};

pub struct NavUser {
    /// The person's name where known (a villager, a staff member with a full name), else the
    /// account's user name.
    pub username: String,
    /// The staff member's position where set, else the account's role.
    pub role_label: &'static str,
    /// The user's home page.
    pub home: String,
}

/// The data of the layout's header, for every page template.
pub struct Nav {
    pub user: Option<NavUser>,
    pub csrf: String,
    set_cookie: Option<Cookie<'static>>,
}

impl Nav {
    pub fn new(req: &HttpRequest, caller: Option<&Caller>) -> Nav {
        let state = req.app_data::<web::Data<AppState>>();
        let (csrf, set_cookie) = csrf::token(req);
        let user = caller.map(|c| NavUser {
            username: c.user.display_name().to_string(),
            role_label: c
                .user
                .position
                .map_or(c.user.role.label(), crate::auth::Position::label),
            home: home_of(state.map(|s| s.get_ref()), c),
        });
        Nav {
            user,
            csrf,
            set_cookie,
        }
    }
}

/// Where a signed-in user lands.
pub fn home_of(state: Option<&AppState>, caller: &Caller) -> String {
    let slug = caller
        .user
        .desa_id
        .as_deref()
        .and_then(|id| state?.directory.find(id))
        .map(|d| d.slug);
    match (caller.user.role, slug) {
        (Role::KabupatenAdmin, _) => "/kabupaten".into(),
        (Role::Warga, Some(slug)) => format!("/desa/{slug}/layanan"),
        (Role::Umkm, Some(slug)) => format!("/desa/{slug}/admin/produk"),
        (_, Some(slug)) => format!("/desa/{slug}/admin"),
        (_, None) => "/".into(),
    }
}

/// Renders a page template; sets the CSRF cookie when the browser had none.
pub fn render<T: Template>(template: &T, nav: &Nav) -> Result<HttpResponse> {
    let body = template.render().map_err(Error::internal)?;
    let mut response = HttpResponse::Ok();
    response.content_type("text/html; charset=utf-8");
    if let Some(c) = &nav.set_cookie {
        response.cookie(c.clone());
    }
    Ok(response.body(body))
}

/// Renders a public page that a phone may have kept, answered as [`fresh`] does.
pub fn render_fresh<T: Template>(
    req: &HttpRequest,
    template: &T,
    nav: &Nav,
    modified: Option<chrono::NaiveDateTime>,
) -> Result<HttpResponse> {
    let body = template.render().map_err(Error::internal)?;
    let mut response = fresh(req, "text/html; charset=utf-8", body, modified);
    if let Some(c) = &nav.set_cookie {
        response.add_cookie(c).map_err(Error::internal)?;
    }
    Ok(response)
}

/// A public document with an `ETag` of its bytes and the `Last-Modified` of what it shows;
/// `304 Not Modified` (no body) when the copy the browser names is still this one, so a phone
/// on a slow link fetches nothing unchanged.
pub fn fresh(
    req: &HttpRequest,
    content_type: &str,
    body: String,
    modified: Option<chrono::NaiveDateTime>,
) -> HttpResponse {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body.as_bytes());
    let etag = header::EntityTag::new_strong(format!("{digest:x}")[..32].to_string());
    let unchanged = match req.get_header::<header::IfNoneMatch>() {
        Some(header::IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(&etag)),
        Some(header::IfNoneMatch::Any) => true,
        None => false,
    };
    let mut response = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header(header::ETag(etag))
        .insert_header((header::CACHE_CONTROL, "no-cache"));
    if let Some(at) = modified {
        let at = std::time::SystemTime::from(at.and_utc());
        response.insert_header(header::LastModified(at.into()));
    }
    if unchanged {
        return response.finish();
    }
    response.content_type(content_type.to_string());
    response.body(body)
}

/// A redirect after a form post or to the sign-in page.
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .finish()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    nav: Nav,
    status: u16,
    title: String,
    detail: String,
}

/// Browsers get errors as a page, not as problem+json: a readable message in the layout, and
/// the sign-in page when the session is missing or over.
pub async fn html_errors<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if !wants_html || req.path().starts_with("/api/") {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let res = next.call(req).await?;
    let page = res.response().error().map(|e| error_page(res.request(), e));
    Ok(match page {
        Some(page) => res.into_response(page),
        None => res.map_into_boxed_body(),
    })
}

fn error_page(req: &HttpRequest, e: &actix_web::Error) -> HttpResponse {
    let status = e.as_response_error().status_code();
    if status == StatusCode::UNAUTHORIZED {
        return redirect("/masuk");
    }
    let (title, detail) = match e.as_error::<Error>() {
        Some(err) => {
            let (_, title, detail) = err.parts();
            (title.to_string(), detail)
        }
        None => ("Kesalahan".to_string(), e.to_string()),
    };
    let caller = req.extensions().get::<Caller>().cloned();
    let page = ErrorPage {
        nav: Nav::new(req, caller.as_ref()),
        status: status.as_u16(),
        title,
        detail,
    };
    match render(&page, &page.nav) {
        Ok(mut res) => {
            *res.status_mut() = status;
            res
        }
        Err(_) => HttpResponse::build(status).body(page.detail),
    }
}

/// Scripts and styles from this server only, and no inline script: a name or an address that
/// slipped past escaping still cannot run. Inline styles stay allowed for the charts' SVG.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; \
    form-action 'self'; frame-ancestors 'none'";

/// What every response tells the browser: the policy above, never inside another site's
/// frame, no address of ours in the Referer sent to another site, types as declared, and
/// behind TLS (`tls`), HTTPS only from now on.
pub fn security_headers(tls: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if tls {
        headers.add((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        headers
    }
}

const CSS: &str = include_str!("../static/sid.css");
const JS: &str = include_str!("../static/sid.js");

/// Static assets, compiled into the binary.
pub fn configure_static(cfg: &mut web::ServiceConfig) {
    fn asset(content_type: &'static str, body: &'static str) -> HttpResponse {
        HttpResponse::Ok()
            .content_type(content_type)
            .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
            .body(body)
    }
    cfg.route(
        "/static/sid.css",
        web::get().to(|| async { asset("text/css; charset=utf-8", CSS) }),
    )
    .route(
        "/static/sid.js",
        web::get().to(|| async { asset("text/javascript; charset=utf-8", JS) }),
    );
}
