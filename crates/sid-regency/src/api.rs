//! The regency's figures over HTTP: one row per desa, and switching a desa on or off.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use sid_admin::Site;
use sid_catalog::DesaCatalog;
use sid_core::auth::RegencyAdmin;
use sid_core::http::Json;
use sid_core::{audit, AppState, Desa, Error, Result};
use sid_letters::Letters;
use sid_population::Population;
use utoipa::OpenApi;

use crate::dashboard::{self, Summary, SummaryRow};
use crate::store;

#[derive(OpenApi)]
#[openapi(
    paths(summary, update_desa, import_residents),
    components(schemas(
        Summary,
        SummaryRow,
        DesaUpdate,
        DesaCatalog,
        Population,
        Letters,
        Site,
        DesaImport
    ))
)]
pub(crate) struct KabupatenDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kabupaten/summary", web::get().to(summary))
        .route("/kabupaten/desa/{desa}", web::patch().to(update_desa))
        .route(
            "/kabupaten/residents/import",
            web::post().to(import_residents),
        );
}

/// Regency-wide figures and one row per desa.
#[utoipa::path(get, path = "/api/v1/kabupaten/summary", tag = "kabupaten",
    responses((status = 200, body = Summary), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn summary(state: web::Data<AppState>, _admin: RegencyAdmin) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(dashboard::summary(&state).await?))
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

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The file's name, which names the desa: `3604052001.xls`, `36.04.05.2001.xlsx` or
    /// `kramatwatu.csv`.
    file: String,
    #[serde(default)]
    dry_run: bool,
    #[serde(default)]
    skip_refused: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DesaImport {
    pub code: String,
    pub name: String,
    pub slug: String,
    pub report: sid_population::import::Report,
}

/// Regency onboarding, one desa's file at a time: the desa named by the file, then the same
/// import as the desa's own (every layout, all or nothing unless `skip_refused`).
#[utoipa::path(post, path = "/api/v1/kabupaten/residents/import", tag = "kabupaten",
    params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 200, body = DesaImport, description = "dry run"),
        (status = 201, body = DesaImport, description = "imported"),
        (status = 400), (status = 403), (status = 404, description = "no active desa by that name"),
        (status = 413), (status = 415)),
    security(("bearer" = [])))]
pub async fn import_residents(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    admin: RegencyAdmin,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let query = query.into_inner();
    let desa = state.directory.resolve_file(&query.file).ok_or_else(|| {
        Error::NotFound(format!(
            "Desa untuk berkas '{}' (beri nama berkas dengan kode Kemendagri desa, mis. \
             3604052001.xlsx, atau slug-nya)",
            query.file
        ))
    })?;
    let file =
        sid_core::files::read_upload(&req, payload, sid_population::import::MAX_FILE).await?;
    let mode = sid_population::import::Mode {
        dry_run: query.dry_run,
        skip_refused: query.skip_refused,
    };
    let report = sid_population::import::run(
        &state.db,
        &desa.tenant,
        admin.caller.user,
        file.to_vec(),
        mode,
        std::sync::Arc::new(|_, _, _| {}),
    )
    .await?;
    let body = DesaImport {
        code: desa.code,
        name: desa.name,
        slug: desa.slug,
        report,
    };
    Ok(if mode.dry_run {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::Created().json(body)
    })
}
