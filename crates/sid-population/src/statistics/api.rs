//! The desa's statistics as JSON, for everyone.

use actix_web::{web, HttpResponse};
use sid_core::{AppState, Desa, Result};
use utoipa::OpenApi;

use super::{compute, AgeGroup, Count, Statistics};

#[derive(OpenApi)]
#[openapi(paths(statistics), components(schemas(Statistics, AgeGroup, Count)))]
pub struct StatisticsDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/statistics", web::get().to(statistics));
}

/// Aggregate population statistics of the desa (public).
#[utoipa::path(get, path = "/api/v1/desa/{desa}/statistics", tag = "penduduk",
    params(("desa" = String, Path)),
    responses((status = 200, body = Statistics), (status = 404)))]
pub async fn statistics(state: web::Data<AppState>, desa: Desa) -> Result<HttpResponse> {
    let name = desa.name.clone();
    let stats = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            compute(conn, tenant, &name, sid_core::clock::today())
        })
        .await?;
    Ok(HttpResponse::Ok().json(stats))
}
