//! Population data (kependudukan): areas, residents, families, population events and
//! statistics of each desa, with the Dukcapil code lists and the NIK / No KK types.

pub mod areas;
pub mod books;
pub mod bulk;
pub mod codes;
pub mod events;
pub mod export;
pub mod families;
pub mod import;
pub mod nik;
mod pages;
pub mod residents;
pub mod statistics;
pub mod synthetic;

use actix_web::{web, HttpResponse};
use utoipa::OpenApi;

pub use codes::seed;

/// API routes under `/api/v1/desa/{desa}`.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    areas::configure(cfg);
    import::configure(cfg);
    export::configure(cfg);
    residents::configure(cfg);
    families::configure(cfg);
    events::configure(cfg);
    statistics::configure(cfg);
    books::configure(cfg);
}

/// API routes under `/api/v1` that belong to no desa.
pub fn configure_regency_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/code-lists", web::get().to(code_lists));
}

/// Page routes under `/desa/{desa}`.
pub fn configure_pages(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
}

#[derive(OpenApi)]
#[openapi(paths(code_lists))]
struct CodeListsDoc;

/// The Dukcapil code lists: `{list: {code: name}}`.
#[utoipa::path(get, path = "/api/v1/code-lists", tag = "penduduk",
    responses((status = 200, description = "agama, pendidikan_kk, pekerjaan, status_perkawinan, shdk, golongan_darah, cacat, kewarganegaraan, status_dasar, ...")))]
async fn code_lists() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("cache-control", "public, max-age=86400"))
        .json(codes::all())
}

/// The OpenAPI description of this crate's routes.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = CodeListsDoc::openapi();
    doc.merge(areas::AreasDoc::openapi());
    doc.merge(residents::ResidentsDoc::openapi());
    doc.merge(families::FamiliesDoc::openapi());
    doc.merge(events::EventsDoc::openapi());
    doc.merge(import::ImportDoc::openapi());
    doc.merge(export::ExportDoc::openapi());
    doc.merge(statistics::StatisticsDoc::openapi());
    doc.merge(books::BooksDoc::openapi());
    doc
}
