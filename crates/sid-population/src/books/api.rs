//! The Buku Rekapitulasi as JSON or CSV (the CSV audited as an export).

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::http::disposition;
use sid_core::spreadsheet::CsvFile;
use sid_core::{AppState, Error, Result};
use utoipa::OpenApi;

use super::{compute, BySex, Recap};

#[derive(OpenApi)]
#[openapi(paths(rekapitulasi), components(schemas(Recap, BySex)))]
pub struct BooksDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/books/rekapitulasi", web::get().to(rekapitulasi));
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecapQuery {
    /// `YYYY-MM`.
    month: String,
    /// `json` (default) or `csv`.
    format: Option<String>,
}

fn csv_file(r: &Recap) -> Result<Vec<u8>> {
    let rows = [
        ("awal bulan", r.start),
        ("lahir", r.births),
        ("mati", r.deaths),
        ("datang", r.moves_in),
        ("pindah", r.moves_out),
        ("hilang", r.missing),
        ("akhir bulan", r.end),
    ];
    let mut file = CsvFile::new(["bulan", "rincian", "laki_laki", "perempuan", "jumlah"])?;
    for (label, by) in rows {
        file.row([
            r.month.clone(),
            label.to_string(),
            by.male.to_string(),
            by.female.to_string(),
            (by.male + by.female).to_string(),
        ])?;
    }
    file.into_bytes()
}

/// Buku Rekapitulasi Jumlah Penduduk for one month; `format=csv` to download it (audited).
#[utoipa::path(get, path = "/api/v1/desa/{desa}/books/rekapitulasi", tag = "penduduk",
    params(("desa" = String, Path), RecapQuery),
    responses((status = 200, body = Recap), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn rekapitulasi(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<RecapQuery>,
) -> Result<HttpResponse> {
    let RecapQuery { month, format } = query.into_inner();
    let csv = match format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(Error::invalid("format", "pilihan: json atau csv")),
    };
    let recap = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let recap = compute(w.conn, w.tenant, &month)?;
            if csv {
                w.audit("book.export", "rekapitulasi", &recap.month)?;
            }
            Ok(recap)
        })
        .await?;
    if csv {
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(disposition(
                "attachment",
                &format!("rekapitulasi-{}.csv", recap.month),
            ))
            .body(csv_file(&recap)?));
    }
    Ok(HttpResponse::Ok().json(recap))
}
