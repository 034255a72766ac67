//! Exporting the filtered resident list as CSV or XLSX, in the import layout (a file exported
//! here imports elsewhere). Every export is written to the audit log.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use rust_xlsxwriter::Workbook;
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::{AppState, Error, Result};
use utoipa::OpenApi;

use crate::import::column_names;
use crate::residents::search::{search, Filter, ResidentQuery, ResidentRow};
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
}

fn cells(row: &ResidentRow, r: &Resident) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        opt(&row.no_kk),
        r.nik.clone(),
        r.name.clone(),
        r.sex.to_string(),
        r.birth_place.clone(),
        r.birth_date.format("%d-%m-%Y").to_string(),
        r.religion.to_string(),
        r.education.to_string(),
        r.occupation.to_string(),
        r.marital_status.to_string(),
        r.shdk.to_string(),
        r.citizenship.to_string(),
        r.blood_type.to_string(),
        opt(&r.father_name),
        opt(&r.mother_name),
        opt(&r.address),
        opt(&row.dusun),
        opt(&row.rw),
        opt(&row.rt),
    ]
}

fn csv_file(lines: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(column_names()).map_err(Error::internal)?;
    for line in lines {
        w.write_record(line).map_err(Error::internal)?;
    }
    w.into_inner().map_err(Error::internal)
}

fn xlsx_file(lines: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Penduduk").map_err(Error::internal)?;
    for (c, name) in column_names().into_iter().enumerate() {
        sheet
            .write_string(0, c as u16, name)
            .map_err(Error::internal)?;
    }
    // Every cell as text: NIK and No KK must not become numbers.
    for (r, line) in lines.iter().enumerate() {
        for (c, value) in line.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16, value)
                .map_err(Error::internal)?;
        }
    }
    book.save_to_buffer().map_err(Error::internal)
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
                .filter_map(|row| full.get(&row.id).map(|r| cells(row, r)))
                .collect();
            w.audit(
                "resident.export",
                "ekspor penduduk",
                &format!(
                    "{} baris, {}",
                    lines.len(),
                    if xlsx { "xlsx" } else { "csv" }
                ),
            )?;
            Ok(lines)
        })
        .await?;
    let (body, content_type, ext) = if xlsx {
        (
            xlsx_file(&lines)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    } else {
        (csv_file(&lines)?, "text/csv; charset=utf-8", "csv")
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "content-disposition",
            format!(
                "attachment; filename=\"penduduk-{}.{ext}\"",
                staff.desa.slug
            ),
        ))
        .body(body))
}
