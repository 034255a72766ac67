//! The regency's figures over HTTP: one row per desa, and switching a desa on or off.

use actix_web::{web, HttpResponse};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use sid_catalog::DesaCatalog;
use sid_core::auth::RegencyAdmin;
use sid_core::http::Json;
use sid_core::tenant::Kecamatan;
use sid_core::{audit, clock, AppState, Desa, Error, Result};
use utoipa::OpenApi;

use crate::store;

#[derive(OpenApi)]
#[openapi(
    paths(summary, update_desa),
    components(schemas(Summary, SummaryRow, DesaUpdate, DesaCatalog))
)]
pub(crate) struct KabupatenDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kabupaten/summary", web::get().to(summary))
        .route("/kabupaten/desa/{desa}", web::patch().to(update_desa));
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SummaryRow {
    pub code: String,
    pub name: String,
    pub slug: String,
    pub kecamatan: Kecamatan,
    pub active: bool,
    /// Active accounts of desa staff.
    pub staff_accounts: i64,
    /// Entries in the desa's audit log in the last 30 days: a first sign of activity.
    pub activity_30d: i64,
    /// Its products and sellers (UMKM).
    pub catalog: DesaCatalog,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Summary {
    pub desa_total: usize,
    pub desa_active: usize,
    pub kecamatan_total: usize,
    pub staff_accounts: i64,
    /// Products of every desa, and those in the e-mall now.
    pub products: i64,
    pub products_listed: i64,
    pub sellers: i64,
    pub desa: Vec<SummaryRow>,
}

/// Regency-wide figures and one row per desa.
#[utoipa::path(get, path = "/api/v1/kabupaten/summary", tag = "kabupaten",
    responses((status = 200, body = Summary), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn summary(state: web::Data<AppState>, _admin: RegencyAdmin) -> Result<HttpResponse> {
    let since = clock::now() - Duration::days(30);
    let (staff, activity, mut catalog) = state
        .db
        .regency_read(move |conn| {
            Ok((
                store::staff_counts(conn)?,
                store::activity_since(conn, since)?,
                sid_catalog::figures(conn)?,
            ))
        })
        .await?;
    let all = state.directory.all();
    let rows: Vec<SummaryRow> = all
        .iter()
        .map(|d| SummaryRow {
            code: d.code.clone(),
            name: d.name.clone(),
            slug: d.slug.clone(),
            kecamatan: d.kecamatan.clone(),
            active: d.active,
            staff_accounts: staff.get(d.tenant.as_str()).copied().unwrap_or(0),
            activity_30d: activity.get(d.tenant.as_str()).copied().unwrap_or(0),
            catalog: catalog.remove(d.tenant.as_str()).unwrap_or_default(),
        })
        .collect();
    let kecamatan: std::collections::HashSet<&str> =
        all.iter().map(|d| d.kecamatan.code.as_str()).collect();
    Ok(HttpResponse::Ok().json(Summary {
        desa_total: rows.len(),
        desa_active: rows.iter().filter(|r| r.active).count(),
        kecamatan_total: kecamatan.len(),
        staff_accounts: rows.iter().map(|r| r.staff_accounts).sum(),
        products: rows.iter().map(|r| r.catalog.products).sum(),
        products_listed: rows.iter().map(|r| r.catalog.listed).sum(),
        sellers: rows.iter().map(|r| r.catalog.sellers).sum(),
        desa: rows,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DesaUpdate {
    /// An inactive desa answers 404 on all its pages and API routes.
    active: bool,
}

/// Switches a desa on or off.
#[utoipa::path(patch, path = "/api/v1/kabupaten/desa/{desa}", tag = "kabupaten",
    params(("desa" = String, Path, description = "slug atau kode Kemendagri")),
    request_body = DesaUpdate,
    responses((status = 200, body = Desa), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn update_desa(
    state: web::Data<AppState>,
    admin: RegencyAdmin,
    key: web::Path<String>,
    body: Json<DesaUpdate>,
) -> Result<HttpResponse> {
    let found = state
        .directory
        .find(&key)
        .ok_or_else(|| Error::NotFound(format!("Desa '{key}'")))?;
    let active = body.active;
    let (id, code) = (found.tenant.as_str().to_string(), found.code.clone());
    let actor = admin.caller.user;
    state
        .db
        .global(move |conn| {
            store::set_active(conn, &id, active)?;
            let action = if active {
                "desa.enable"
            } else {
                "desa.disable"
            };
            audit::record_regency(conn, Some(&actor), action, &code, "")
        })
        .await?;
    state.directory.refresh(&state.db).await?;
    let updated = state
        .directory
        .find(&key)
        .ok_or_else(|| Error::NotFound(format!("Desa '{key}'")))?;
    Ok(HttpResponse::Ok().json(updated))
}
