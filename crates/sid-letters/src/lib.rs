//! Letters (layanan surat): the types a desa offers, villagers' and walk-in requests and their
//! life, gap-free numbering, the signed PDF with its QR code, and the public verification. A
//! product of its own (Typst, Ed25519, QR codes), on the population records of `sid-population`
//! and the desa profile of `sid-admin`.

mod agenda;
mod desa_key;
mod documents;
mod issuing;
mod logo;
mod numbering;
mod offering;
mod outgoing;
mod pages;
mod pdf;
mod request_view;
mod requests;
mod status;
mod store;
mod template;
mod types;
mod verification;
mod verification_codes;

use actix_web::web;
use sid_core::Module;
use utoipa::OpenApi;

pub use pdf::{time_renders, warm_up};

/// The letter services, as the composition root mounts them.
pub const MODULE: Module = Module {
    api: configure_api,
    pages: pages::configure,
    regency_api: configure_regency_api,
    regency_pages: pages::configure_regency,
    openapi,
    ..Module::new("letters")
};

fn openapi() -> utoipa::openapi::OpenApi {
    LettersDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(
        offering::list,
        offering::change,
        offering::settings,
        offering::change_settings,
        requests::list,
        requests::create,
        requests::get,
        requests::transition,
        documents::upload,
        documents::download,
        outgoing::pdf,
        outgoing::revoke,
        outgoing::public_key,
        outgoing::verify,
        outgoing::agenda,
    ),
    components(schemas(
        offering::OfferedType,
        offering::TypeChange,
        offering::SettingsChange,
        store::Settings,
        types::Field,
        types::Subject,
        status::Status,
        store::Transition,
        request_view::RequestView,
        requests::NewRequest,
        requests::Move,
        store::Document,
        outgoing::Revocation,
        outgoing::PublicKey,
        verification::Verification,
        agenda::AgendaLine,
    ))
)]
struct LettersDoc;

/// Routes under `/api/v1/desa/{desa}`.
fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/letter-types", web::get().to(offering::list))
        .route("/letter-types/{code}", web::put().to(offering::change))
        .route("/letter-settings", web::get().to(offering::settings))
        .route("/letter-settings", web::put().to(offering::change_settings))
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
        .route("/letters", web::get().to(outgoing::agenda))
        .route("/letters/public-key", web::get().to(outgoing::public_key))
        .route("/letters/logo", web::put().to(logo::upload))
        .route("/letters/{id}/pdf", web::get().to(outgoing::pdf))
        .route("/letters/{id}/revoke", web::post().to(outgoing::revoke));
}

/// Routes under `/api/v1` that need no desa.
fn configure_regency_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/verify/{code}", web::get().to(outgoing::verify));
}
