//! The code lists over HTTP, for forms and integrators.

use actix_web::{web, HttpResponse};
use utoipa::OpenApi;

/// API routes under `/api/v1` that belong to no desa.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/code-lists", web::get().to(code_lists));
}

#[derive(OpenApi)]
#[openapi(paths(code_lists))]
pub struct CodeListsDoc;

/// The Dukcapil code lists: `{list: {code: name}}`.
#[utoipa::path(get, path = "/api/v1/code-lists", tag = "penduduk",
    responses((status = 200, description = "agama, pendidikan_kk, pekerjaan, status_perkawinan, shdk, golongan_darah, cacat, kewarganegaraan, status_dasar, ...")))]
async fn code_lists() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("cache-control", "public, max-age=86400"))
        .json(super::all())
}
