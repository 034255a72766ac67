use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::{self, Caller, ClientAddress, LoginResponse, Password, UserView};
use sid_core::http::Json;
use sid_core::{AppState, Result};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/login", web::post().to(login))
        .route("/auth/logout", web::post().to(logout))
        .route("/auth/me", web::get().to(me))
        .route("/auth/password", web::post().to(change_password));
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    username: String,
    password: String,
}

/// Sign in with user name and password. Wrong password and unknown user get the same reply;
/// five failures lock the name for 15 minutes.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "Nama pengguna atau kata sandi salah"),
        (status = 429, description = "Terkunci sementara setelah percobaan gagal berulang, \
            atau terlalu banyak percobaan dari alamat ini atau ke server ini"),
    ))]
pub async fn login(
    state: web::Data<AppState>,
    client: ClientAddress,
    body: Json<LoginRequest>,
) -> Result<HttpResponse> {
    let turn = auth::sign_in_turn(&state, &client)?;
    let Json(LoginRequest { username, password }) = body;
    let (token, expires_at, user) = auth::login(&state, turn, username, password).await?;
    Ok(HttpResponse::Ok().json(LoginResponse {
        token,
        expires_at,
        user: UserView::new(user, &state.directory),
    }))
}

/// Ends this session at once; the token is refused from now on.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204), (status = 401)), security(("bearer" = [])))]
pub async fn logout(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse> {
    auth::logout(&state, &caller).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    responses((status = 200, body = UserView), (status = 401)), security(("bearer" = [])))]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> HttpResponse {
    HttpResponse::Ok().json(UserView::new(caller.user, &state.directory))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    current_password: String,
    /// 8 to 128 characters.
    #[schema(value_type = String)]
    new_password: Password,
}

/// Changes the caller's password. Every session of the account ends, this one included.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth", request_body = PasswordChange,
    responses((status = 204), (status = 400), (status = 401)), security(("bearer" = [])))]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<PasswordChange>,
) -> Result<HttpResponse> {
    let Json(PasswordChange {
        current_password,
        new_password,
    }) = body;
    auth::change_password(&state, &caller, current_password, new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}
