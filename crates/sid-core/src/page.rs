//! What every HTML page shares: the navigation bar data, CSRF, rendering and static assets.

use actix_web::cookie::Cookie;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::auth::{csrf, Caller, Role};
use crate::state::AppState;
use crate::{Error, Result};

pub struct NavUser {
    pub username: String,
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
            username: c.user.username.clone(),
            role_label: c.user.role.label(),
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
        (_, Some(slug)) => format!("/desa/{slug}/admin"),
        (_, None) => "/".into(),
    }
}

/// Renders a page template; sets the CSRF cookie when the browser had none.
pub fn render<T: askama::Template>(template: &T, nav: &Nav) -> Result<HttpResponse> {
    let body = template.render().map_err(Error::internal)?;
    let mut response = HttpResponse::Ok();
    response.content_type("text/html; charset=utf-8");
    if let Some(c) = &nav.set_cookie {
        response.cookie(c.clone());
    }
    Ok(response.body(body))
}

/// A redirect after a form post or to the sign-in page.
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .finish()
}

const CSS: &str = include_str!("../static/sid.css");

/// Static assets, compiled into the binary.
pub fn configure_static(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/static/sid.css",
        web::get().to(|| async {
            HttpResponse::Ok()
                .content_type("text/css; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
                .body(CSS)
        }),
    );
}
