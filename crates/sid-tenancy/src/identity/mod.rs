//! Identity over HTTP: sign-in, sign-out, the current user, password change, and accounts.

mod accounts;
mod auth_routes;
mod users_routes;

pub use accounts::create_user;

use actix_web::web;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    paths(
        auth_routes::login,
        auth_routes::logout,
        auth_routes::me,
        auth_routes::change_password,
        users_routes::create_by_regency,
        users_routes::update_by_regency,
        users_routes::list_in_desa,
        users_routes::create_in_desa,
        users_routes::update_in_desa,
    ),
    components(schemas(
        sid_core::auth::UserView,
        sid_core::auth::DesaRef,
        sid_core::auth::Role,
        auth_routes::LoginRequest,
        sid_core::auth::LoginResponse,
        auth_routes::PasswordChange,
        users_routes::RegencyNewUser,
        users_routes::DesaNewUser,
        users_routes::UserUpdate,
        sid_core::FieldError,
    ))
)]
pub struct IdentityDoc;

/// Routes under `/api/v1` that need no desa.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    auth_routes::configure(cfg);
    users_routes::configure_regency(cfg);
}

/// Routes under `/api/v1/desa/{desa}`.
pub fn configure_desa_api(cfg: &mut web::ServiceConfig) {
    users_routes::configure_desa(cfg);
}
