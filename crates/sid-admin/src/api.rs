//! The crate's own JSON route: the desa's audit log, for its staff (who viewed or changed which
//! record, and when).

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::audit::{self, Entry};
use sid_core::auth::Staff;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{AppState, Result};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(paths(list), components(schemas(Entry)))]
pub struct AuditDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/audit", web::get().to(list));
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only the entries about this record id.
    target: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// The desa's audit log, newest first.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/audit", tag = "desa",
    params(("desa" = String, Path), AuditQuery),
    responses((status = 200, body = Page<Entry>), (status = 403)), security(("bearer" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse> {
    let AuditQuery {
        target,
        page,
        per_page,
    } = query.into_inner();
    let page = PageParams::parse(&PageQuery { page, per_page })?;
    let (items, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            let targets: Vec<String> = target.into_iter().collect();
            audit::list(conn, tenant, &targets, &page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}
