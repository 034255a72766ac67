//! Identity's JSON routes and their OpenAPI description.

mod auth;
mod users;

use actix_web::web;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    paths(
        auth::login,
        auth::logout,
        auth::me,
        auth::change_password,
        users::create_by_regency,
        users::update_by_regency,
        users::list_in_desa,
        users::create_in_desa,
        users::update_in_desa,
        users::set_position,
    ),
    components(schemas(
        sid_core::auth::UserView,
        sid_core::auth::DesaRef,
        sid_core::auth::Role,
        sid_core::auth::Position,
        auth::LoginRequest,
        sid_core::auth::LoginResponse,
        auth::PasswordChange,
        users::RegencyNewUser,
        users::DesaNewUser,
        users::UserUpdate,
        users::PositionChange,
        sid_core::FieldError,
    ))
)]
pub struct IdentityDoc;

/// Routes under `/api/v1` that need no desa.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    auth::configure(cfg);
    users::configure_regency(cfg);
}

/// Routes under `/api/v1/desa/{desa}`.
pub fn configure_desa_api(cfg: &mut web::ServiceConfig) {
    users::configure_desa(cfg);
}
