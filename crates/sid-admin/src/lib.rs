//! Per-desa administration: the desa's profile and website, and (with the letters issue) the
//! letter services.

mod audit;
mod home;
mod letters;
mod portal;
mod profile;

pub use letters::{time_renders, warm_up};

use actix_web::web;
use utoipa::OpenApi;

/// API routes under `/api/v1/desa/{desa}`.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    profile::configure_api(cfg);
    audit::configure(cfg);
    letters::configure_api(cfg);
    portal::configure_api(cfg);
}

/// API routes under `/api/v1` that need no desa.
pub fn configure_regency_api(cfg: &mut web::ServiceConfig) {
    letters::configure_regency_api(cfg);
}

/// Page routes under `/desa/{desa}`.
pub fn configure_pages(cfg: &mut web::ServiceConfig) {
    profile::configure_pages(cfg);
    home::configure(cfg);
    letters::configure_pages(cfg);
    portal::configure_pages(cfg);
}

/// Page routes that need no desa.
pub fn configure_regency_pages(cfg: &mut web::ServiceConfig) {
    letters::configure_regency_pages(cfg);
}

/// The OpenAPI description of this crate's routes.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = profile::ProfileDoc::openapi();
    doc.merge(audit::AuditDoc::openapi());
    doc.merge(letters::LettersDoc::openapi());
    doc.merge(portal::PortalDoc::openapi());
    doc
}
