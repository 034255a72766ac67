//! The desa's statistics as JSON, and each table as JSON or CSV, for everyone.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::http::disposition;
use sid_core::spreadsheet::CsvFile;
use sid_core::{AppState, Desa, Error, Result};
use utoipa::OpenApi;

use super::{breakdowns, load, AgeGroup, Breakdown, Count, Filter, Row, Statistics};

#[derive(OpenApi)]
#[openapi(
    paths(statistics, breakdown),
    components(schemas(Statistics, AgeGroup, Count, Breakdown, Row, Filter))
)]
pub struct StatisticsDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/statistics", web::get().to(statistics))
        .route("/statistics/{key}", web::get().to(breakdown));
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsQuery {
    /// One dusun of the desa, by name.
    dusun: Option<String>,
    /// 1 laki-laki or 2 perempuan.
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    sex: Option<i32>,
    /// `json` (default) or `csv`; for one table.
    format: Option<String>,
}

impl StatisticsQuery {
    fn filter(&self) -> Filter {
        Filter {
            dusun: self
                .dusun
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_string),
            sex: self.sex,
        }
    }
}

/// Aggregate population statistics of the desa (public): totals, the pyramid and every table,
/// for the whole desa or one dusun, both sexes or one.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/statistics", tag = "penduduk",
    params(("desa" = String, Path), StatisticsQuery),
    responses((status = 200, body = Statistics), (status = 400), (status = 404)))]
pub async fn statistics(
    state: web::Data<AppState>,
    desa: Desa,
    query: web::Query<StatisticsQuery>,
) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(load(&state, &desa, query.filter()).await?))
}

/// One table of the statistics (`agama`, `kelompok_umur`, `rt`, `status_ktp`, ...), as JSON or
/// as CSV for a spreadsheet.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/statistics/{key}", tag = "penduduk",
    params(("desa" = String, Path), ("key" = String, Path), StatisticsQuery),
    responses((status = 200, body = Breakdown), (status = 400), (status = 404)))]
pub async fn breakdown(
    state: web::Data<AppState>,
    desa: Desa,
    path: web::Path<(String, String)>,
    query: web::Query<StatisticsQuery>,
) -> Result<HttpResponse> {
    let (_, key) = path.into_inner();
    let csv = match query.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(Error::invalid("format", "pilihan: json atau csv")),
    };
    if !breakdowns::keys().contains(&key.as_str()) {
        return Err(Error::NotFound(format!(
            "Tabel statistik '{key}' (pilihan: {})",
            breakdowns::keys().join(", ")
        )));
    }
    let stats = load(&state, &desa, query.filter()).await?;
    let table = stats
        .breakdowns
        .into_iter()
        .find(|b| b.key == key)
        .ok_or_else(|| Error::Internal(format!("tabel {key} hilang")))?;
    if !csv {
        return Ok(HttpResponse::Ok().json(table));
    }
    let mut file = if table.by_sex {
        CsvFile::new(["kode", "uraian", "laki_laki", "perempuan", "jumlah"])?
    } else {
        CsvFile::new(["kode", "uraian", "jumlah"])?
    };
    for r in &table.rows {
        let code = r.code.map(|c| c.to_string()).unwrap_or_default();
        if table.by_sex {
            file.row([
                code,
                r.label.clone(),
                r.male.to_string(),
                r.female.to_string(),
                r.total.to_string(),
            ])?;
        } else {
            file.row([code, r.label.clone(), r.total.to_string()])?;
        }
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(disposition(
            "attachment",
            &format!("statistik-{}-{}.csv", desa.slug, table.key),
        ))
        .body(file.into_bytes()?))
}
