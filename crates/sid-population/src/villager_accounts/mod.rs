//! Villagers' accounts: staff issue a PIN to a living resident, the villager signs in with NIK
//! and PIN, and changes the PIN.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use sid_core::auth::{self, csrf, session_cookie, LoginResponse, Pin, Staff, UserView, Warga};
use sid_core::http::Json;
use sid_core::page::{self, Nav};
use sid_core::{audit, AppState, Desa, Error, Result};

use crate::codes::status;
use crate::nik::Nik;
use crate::residents::store as residents;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(login, issue, change_pin),
    components(schemas(WargaLogin, IssuedPin, PinChange))
)]
pub struct VillagerAccountsDoc;

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/warga", web::post().to(login))
        .route("/auth/warga/pin", web::post().to(change_pin))
        .route("/residents/{id}/pin", web::post().to(issue));
}

pub fn configure_pages(cfg: &mut web::ServiceConfig) {
    cfg.route("/layanan/masuk", web::post().to(sign_in_form))
        .route("/admin/penduduk/{id}/pin", web::post().to(issue_slip));
}

/// The living resident of the desa with this NIK, if any.
async fn living(state: &AppState, desa: &Desa, nik: &Nik) -> Result<Option<String>> {
    let key = nik.as_str().to_string();
    Ok(state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            residents::living_by_nik(conn, tenant, &key)
        })
        .await?
        .map(|r| r.id))
}

#[derive(Deserialize)]
struct SignInForm {
    csrf: String,
    nik: String,
    pin: String,
}

/// The portal's sign-in form: a cookie session, back to the portal; a failure goes back to the
/// form with the same message whether or not the NIK exists.
async fn sign_in_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    desa: Desa,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse> {
    let SignInForm {
        csrf: token,
        nik,
        pin,
    } = form.into_inner();
    csrf::verify(&req, Some(&token))?;
    let portal = format!("/desa/{}/layanan", desa.slug);
    let outcome = match Nik::parse(&nik) {
        Ok(nik) => {
            let resident = living(&state, &desa, &nik).await?;
            auth::login_warga(&state, &desa.tenant, nik.as_str(), resident, pin).await
        }
        Err(_) => Err(Error::Unauthorized(String::new())),
    };
    match outcome {
        Ok((token, _, _)) => {
            let mut response = page::redirect(&portal);
            response
                .add_cookie(&session_cookie(&state.auth, token))
                .map_err(Error::internal)?;
            Ok(response)
        }
        Err(Error::Locked { .. }) => Ok(page::redirect(&format!("{portal}?gagal=terkunci"))),
        Err(Error::Unauthorized(_)) => Ok(page::redirect(&format!("{portal}?gagal=salah"))),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WargaLogin {
    /// 16 digits.
    #[schema(value_type = String)]
    nik: Nik,
    /// 6 digits.
    pin: String,
}

/// A villager signs in with NIK and PIN. An unknown NIK and a wrong PIN get the same reply;
/// five failures lock the NIK for 15 minutes. Only living residents of this desa can sign in.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/auth/warga", tag = "auth",
    params(("desa" = String, Path)), request_body = WargaLogin,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "NIK atau PIN salah"),
        (status = 429, description = "Terkunci sementara setelah percobaan gagal berulang"),
    ))]
pub async fn login(
    state: web::Data<AppState>,
    desa: Desa,
    body: Json<WargaLogin>,
) -> Result<HttpResponse> {
    let Json(WargaLogin { nik, pin }) = body;
    let resident = living(&state, &desa, &nik).await?;
    let (token, expires_at, user) =
        auth::login_warga(&state, &desa.tenant, nik.as_str(), resident, pin).await?;
    Ok(HttpResponse::Ok().json(LoginResponse {
        token,
        expires_at,
        user: UserView::new(user, &state.directory),
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct IssuedPin {
    /// Shown once: only its hash is kept.
    pub pin: String,
    pub nik: String,
    pub name: String,
}

/// Issues or resets a villager's PIN. The PIN is in this reply only; the villager's earlier
/// sessions end.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/residents/{id}/pin", tag = "auth",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = IssuedPin), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn issue(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let issued = issue_for(&state, &staff, id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("cache-control", "no-store"))
        .json(issued))
}

/// A new PIN for a living resident of the staff's desa, recorded in the audit log.
async fn issue_for(state: &AppState, staff: &Staff, id: String) -> Result<IssuedPin> {
    let actor = staff.caller.user.clone();
    state
        .db
        .tenant(&staff.desa.tenant, move |conn, tenant| {
            let r = residents::require(conn, tenant, &id)?;
            if r.status != status::HIDUP {
                return Err(Error::invalid(
                    "id",
                    "PIN hanya untuk penduduk yang masih hidup dan tinggal di desa ini",
                ));
            }
            let pin = auth::issue_pin(conn, tenant, &r.id, &r.nik, Utc::now().naive_utc())?;
            audit::record(
                conn,
                tenant,
                &actor,
                "warga.pin.issue",
                &r.id,
                "PIN diterbitkan",
            )?;
            Ok(IssuedPin {
                pin: pin.expose().to_string(),
                nik: r.nik,
                name: r.name,
            })
        })
        .await
}

#[derive(Template)]
#[template(path = "pin_slip.html")]
struct PinSlip {
    nav: Nav,
    desa: Desa,
    issued: IssuedPin,
    portal: String,
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

/// The staff's page: issues the PIN and shows it once on a slip to print for the villager.
async fn issue_slip(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse> {
    csrf::verify(&req, Some(&form.csrf))?;
    let (_, id) = path.into_inner();
    let issued = issue_for(&state, &staff, id).await?;
    let page = PinSlip {
        nav: Nav::new(&req, Some(&staff.caller)),
        portal: format!("{}/desa/{}/layanan", state.public_url, staff.desa.slug),
        desa: staff.desa,
        issued,
    };
    let mut response = page::render(&page, &page.nav)?;
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PinChange {
    current_pin: String,
    /// 6 digits, not all the same and not a run such as 123456.
    #[schema(value_type = String)]
    new_pin: Pin,
}

/// The villager changes their own PIN; every session of the account ends, this one included.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/auth/warga/pin", tag = "auth",
    params(("desa" = String, Path)), request_body = PinChange,
    responses((status = 204), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn change_pin(
    state: web::Data<AppState>,
    warga: Warga,
    body: Json<PinChange>,
) -> Result<HttpResponse> {
    let Json(PinChange {
        current_pin,
        new_pin,
    }) = body;
    auth::change_pin(&state, &warga.caller, current_pin, new_pin).await?;
    Ok(HttpResponse::NoContent().finish())
}
