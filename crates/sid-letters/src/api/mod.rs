//! The letters' JSON routes and their OpenAPI description.

mod documents;
mod logo;
mod offering;
mod requests;
mod signed;

use actix_web::web;
use utoipa::OpenApi;

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
        signed::pdf,
        signed::revoke,
        signed::public_key,
        signed::verify,
        signed::agenda,
    ),
    components(schemas(
        crate::offering::OfferedType,
        offering::TypeChange,
        offering::SettingsChange,
        crate::store::Settings,
        crate::types::Field,
        crate::types::Subject,
        crate::status::Status,
        crate::store::Transition,
        crate::request_view::RequestView,
        requests::NewRequest,
        requests::Move,
        crate::store::Document,
        signed::Revocation,
        signed::PublicKey,
        crate::verification::Verification,
        crate::agenda::AgendaLine,
    ))
)]
struct LettersDoc;

/// Routes under `/api/v1/desa/{desa}`.
pub fn configure(cfg: &mut web::ServiceConfig) {
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
        .route("/letters", web::get().to(signed::agenda))
        .route("/letters/public-key", web::get().to(signed::public_key))
        .route("/letters/logo", web::put().to(logo::upload))
        .route("/letters/{id}/pdf", web::get().to(signed::pdf))
        .route("/letters/{id}/revoke", web::post().to(signed::revoke));
}

/// Routes under `/api/v1` that need no desa.
pub fn configure_regency(cfg: &mut web::ServiceConfig) {
    cfg.route("/verify/{code}", web::get().to(signed::verify));
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = LettersDoc::openapi();
    doc.merge(crate::registers::RegistersDoc::openapi());
    doc
}
