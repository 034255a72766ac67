use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::files::read_upload;
use sid_core::http::disposition;
use sid_core::{AppState, Result};
use utoipa::OpenApi;

use super::{run, template_csv, Mode, Report, MAX_FILE};

#[derive(OpenApi)]
#[openapi(
    paths(import, template),
    components(schemas(
        Report,
        super::PreviewRow,
        super::ColumnUse,
        super::Variant,
        super::Layout,
        sid_core::RowError
    ))
)]
pub struct ImportDoc;

/// Registered before the `/residents/{id}` routes, which would otherwise take these paths.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/residents/import", web::post().to(import))
        .route("/residents/import/template", web::get().to(template));
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check only; write nothing.
    #[serde(default)]
    dry_run: bool,
    /// Write the valid rows and leave the refused ones out (still listed in `problems`).
    #[serde(default)]
    skip_refused: bool,
}

/// Imports residents from a file sent as the request body: our template, OpenSID's
/// FormatImporExcel, a SIAK export or a Buku Induk Penduduk, as CSV (`,` or `;`, UTF-8, BOM
/// allowed), XLSX/XLSM or Excel 97 XLS; the layout is recognised by its header. All or nothing
/// unless `skip_refused`: with any problem nothing is written, and every problem is listed as
/// `{row, column, message}`. Rows already stored exactly so are left as they are.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/residents/import", tag = "penduduk",
    params(("desa" = String, Path), ImportQuery),
    request_body(content = Vec<u8>, content_type = "text/csv"),
    responses(
        (status = 200, body = Report, description = "dry run"),
        (status = 201, body = Report, description = "imported"),
        (status = 400, description = "problems, as `rows: [{row, column, message}]`; nothing written"),
        (status = 403), (status = 413), (status = 415)),
    security(("bearer" = [])))]
pub async fn import(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let file = read_upload(&req, payload, MAX_FILE).await?;
    let mode = Mode {
        dry_run: query.dry_run,
        skip_refused: query.skip_refused,
    };
    let report = run(
        &state.db,
        &staff.desa.tenant,
        staff.caller.user,
        file.to_vec(),
        mode,
        Arc::new(|_, _, _| {}),
    )
    .await?;
    Ok(if mode.dry_run {
        HttpResponse::Ok().json(report)
    } else {
        HttpResponse::Created().json(report)
    })
}

/// The column layout as a CSV template with one example row.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/residents/import/template", tag = "penduduk",
    params(("desa" = String, Path)),
    responses((status = 200, content_type = "text/csv", body = String)))]
pub async fn template() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(disposition("attachment", "templat-impor-penduduk.csv"))
        .body(template_csv())
}
