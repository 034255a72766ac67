//! The resident export over HTTP.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::http::disposition;
use sid_core::{AppState, Error, Result};
use utoipa::OpenApi;

use super::{cells, file, Layout};
use crate::residents::search::{search, Filter, ResidentQuery};
use crate::residents::store::{self, Resident};

#[derive(OpenApi)]
#[openapi(paths(export))]
pub struct ExportDoc;

/// Registered before the `/residents/{id}` routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/residents/export", web::get().to(export));
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Format {
    /// `csv` (default) or `xlsx`.
    format: Option<String>,
    /// `sid` (default: our import layout) or `opensid` (OpenSID's FormatImporExcel columns).
    layout: Option<String>,
}

/// The residents of a search (same filters as the list), as a file. Audited.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/residents/export", tag = "penduduk",
    params(("desa" = String, Path), ResidentQuery, Format),
    responses((status = 200, description = "text/csv or XLSX"), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn export(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ResidentQuery>,
    format: web::Query<Format>,
) -> Result<HttpResponse> {
    let xlsx = match format.format.as_deref() {
        None | Some("csv") => false,
        Some("xlsx") => true,
        Some(_) => return Err(Error::invalid("format", "pilihan: csv atau xlsx")),
    };
    let layout = match format.layout.as_deref() {
        None | Some("sid") => Layout::Sid,
        Some("opensid") => Layout::Opensid,
        Some(_) => return Err(Error::invalid("layout", "pilihan: sid atau opensid")),
    };
    let filter = Filter::parse(query.into_inner(), sid_core::clock::today())?.unpaged();
    let lines = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let (rows, _) = search(w.conn, w.tenant, &filter)?;
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            let full: HashMap<String, Resident> = store::by_ids(w.conn, w.tenant, &ids)?
                .into_iter()
                .map(|r| (r.id.clone(), r))
                .collect();
            let lines: Vec<Vec<String>> = rows
                .iter()
                .filter_map(|row| full.get(&row.id).map(|r| layout.arrange(cells(row, r))))
                .collect();
            w.audit(
                "resident.export",
                "ekspor penduduk",
                &format!(
                    "{} baris, {}, {:?}",
                    lines.len(),
                    if xlsx { "xlsx" } else { "csv" },
                    layout
                ),
            )?;
            Ok(lines)
        })
        .await?;
    let body = file(layout, xlsx, &lines)?;
    let (content_type, ext) = if xlsx {
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    } else {
        ("text/csv; charset=utf-8", "csv")
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(disposition(
            "attachment",
            &format!("penduduk-{}.{ext}", staff.desa.slug),
        ))
        .body(body))
}
