//! Identity over HTTP: sign-in, sign-out, the current user, password change, and accounts.

mod accounts;
mod auth_routes;
mod users_routes;
mod view;
mod warga_routes;

pub use accounts::create_user;
pub use auth_routes::session_cookie;
pub use view::{DesaRef, UserView};

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
        warga_routes::login,
        warga_routes::issue,
        warga_routes::change_pin,
    ),
    components(schemas(
        UserView,
        DesaRef,
        sid_core::auth::Role,
        auth_routes::LoginRequest,
        auth_routes::LoginResponse,
        auth_routes::PasswordChange,
        users_routes::RegencyNewUser,
        users_routes::DesaNewUser,
        users_routes::UserUpdate,
        warga_routes::WargaLogin,
        warga_routes::IssuedPin,
        warga_routes::PinChange,
        sid_core::FieldError,
    ))
)]
pub struct IdentityDoc;

/// Routes under `/api/v1` that need no desa.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    auth_routes::configure(cfg);
    users_routes::configure_regency(cfg);
}

/// Page routes under `/desa/{desa}`.
pub fn configure_desa_pages(cfg: &mut web::ServiceConfig) {
    warga_routes::configure_pages(cfg);
}

/// Routes under `/api/v1/desa/{desa}`.
pub fn configure_desa_api(cfg: &mut web::ServiceConfig) {
    users_routes::configure_desa(cfg);
    warga_routes::configure_desa(cfg);
}
