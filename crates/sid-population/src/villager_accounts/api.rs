//! Villagers' accounts over HTTP: sign-in with NIK and PIN, PIN issuing, PIN change.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::{self, ClientAddress, LoginResponse, Pin, Staff, UserView, Warga};
use sid_core::http::Json;
use sid_core::{AppState, Desa, Result};

use super::{issue_for, living, IssuedPin};
use crate::nik::Nik;

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
        (status = 429, description = "Terkunci sementara setelah percobaan gagal berulang, \
            atau terlalu banyak percobaan dari alamat ini atau ke server ini"),
    ))]
pub async fn login(
    state: web::Data<AppState>,
    client: ClientAddress,
    desa: Desa,
    body: Json<WargaLogin>,
) -> Result<HttpResponse> {
    let turn = auth::sign_in_turn(&state, &client)?;
    let Json(WargaLogin { nik, pin }) = body;
    let resident = living(&state, &desa, &nik).await?;
    let (token, expires_at, user) =
        auth::login_warga(&state, turn, &desa.tenant, nik.as_str(), resident, pin).await?;
    Ok(HttpResponse::Ok().json(LoginResponse {
        token,
        expires_at,
        user: UserView::new(user, &state.directory),
    }))
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
