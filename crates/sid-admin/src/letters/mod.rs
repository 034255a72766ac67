//! Letters (layanan surat): the types a desa offers, villagers' and walk-in requests and their
//! life, gap-free numbering, the signed PDF with its QR code, and the public verification.

mod catalog;
mod codes;
mod documents;
mod issued;
mod logo;
mod numbering;
mod pages;
mod pdf;
mod requests;
mod sign;
mod signing;
mod status;
mod store;
mod template;
mod types;

use actix_web::web;
use utoipa::OpenApi;

pub use pdf::{time_renders, warm_up};

#[derive(OpenApi)]
#[openapi(
    paths(
        catalog::list,
        catalog::change,
        catalog::settings,
        catalog::change_settings,
        requests::list,
        requests::create,
        requests::get,
        requests::transition,
        documents::upload,
        documents::download,
        issued::pdf,
        issued::revoke,
        issued::public_key,
        issued::verify,
        issued::agenda,
    ),
    components(schemas(
        catalog::OfferedType,
        catalog::TypeChange,
        catalog::SettingsChange,
        store::Settings,
        types::Field,
        types::Subject,
        status::Status,
        store::Transition,
        requests::RequestView,
        requests::NewRequest,
        requests::Move,
        documents::Document,
        issued::Revocation,
        issued::PublicKey,
        issued::Verification,
        issued::AgendaLine,
    ))
)]
pub struct LettersDoc;

/// Routes under `/api/v1/desa/{desa}`.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/letter-types", web::get().to(catalog::list))
        .route("/letter-types/{code}", web::put().to(catalog::change))
        .route("/letter-settings", web::get().to(catalog::settings))
        .route("/letter-settings", web::put().to(catalog::change_settings))
        .route("/letter-requests", web::get().to(requests::list))
        .route("/letter-requests", web::post().to(requests::create))
        .route("/letter-requests/{id}", web::get().to(requests::get))
        .route(
            "/letter-requests/{id}/transition",
            web::post().to(requests::transition),
        )
        .route(
            "/letter-requests/{id}/documents",
            web::post().to(documents::upload),
        )
        .route(
            "/letter-requests/{id}/documents/{doc}",
            web::get().to(documents::download),
        )
        .route("/letters", web::get().to(issued::agenda))
        .route("/letters/public-key", web::get().to(issued::public_key))
        .route("/letters/logo", web::put().to(logo::upload))
        .route("/letters/{id}/pdf", web::get().to(issued::pdf))
        .route("/letters/{id}/revoke", web::post().to(issued::revoke));
}

pub use pages::{configure as configure_pages, configure_regency as configure_regency_pages};

/// Routes under `/api/v1` that need no desa.
pub fn configure_regency_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/verify/{code}", web::get().to(issued::verify));
}
