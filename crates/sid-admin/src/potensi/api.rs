//! Potensi over HTTP: a year's figures for anyone, as JSON; written by the desa's staff one
//! commodity and year at a time.

use actix_web::{web, HttpResponse};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use sid_core::auth::Staff;
use sid_core::fields::Hectares;
use sid_core::http::Json;
use sid_core::{clock, AppState, Desa, Error, Result};
use utoipa::OpenApi;

use super::store::{self, Row};
use super::{of_year, Commodity, PotensiView, Unit};

#[derive(OpenApi)]
#[openapi(
    paths(list, put, remove),
    components(schemas(PotensiView, PotensiYear, PotensiInput, Commodity, Unit))
)]
pub struct PotensiDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/potensi", web::get().to(list))
        .route("/potensi", web::post().to(put))
        .route("/potensi/{commodity}/{year}", web::delete().to(remove));
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The latest recorded year when absent.
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub year: Option<i32>,
}

/// One year of the desa's potensi.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PotensiYear {
    pub year: Option<i32>,
    /// Every year recorded, the latest first.
    pub years: Vec<i32>,
    pub items: Vec<PotensiView>,
}

/// A commodity's year.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PotensiInput {
    pub commodity: Commodity,
    #[schema(example = 2026)]
    pub year: i32,
    #[schema(value_type = Option<f64>, example = 120.5)]
    pub area_ha: Option<Hectares>,
    #[schema(example = 840.0)]
    pub production: f64,
    pub unit: Unit,
    /// 1 January … 12 December.
    #[schema(example = json!([3, 4, 8, 9]))]
    pub harvest_months: Vec<i32>,
    #[schema(example = 215)]
    pub producers: i32,
}

/// A year from 2000 to the next.
fn check_year(year: i32) -> Result<i32> {
    let last = clock::today().year() + 1;
    if !(2000..=last).contains(&year) {
        return Err(Error::invalid("year", format!("tahun 2000 sampai {last}")));
    }
    Ok(year)
}

/// The commodity and year of a path.
fn parse_path(commodity: &str, year: i32) -> Result<(Commodity, i32)> {
    let c =
        Commodity::try_from(commodity.to_string()).map_err(|e| Error::invalid("commodity", e))?;
    Ok((c, check_year(year)?))
}

impl PotensiInput {
    /// The harvest months as bits, each month once; the numbers checked.
    fn row(self, desa_id: &str, now: chrono::NaiveDateTime) -> Result<Row> {
        let (c, year) = (self.commodity, check_year(self.year)?);
        let mut bits = 0;
        for m in &self.harvest_months {
            if !(1..=12).contains(m) {
                return Err(Error::invalid(
                    "harvest_months",
                    "bulan 1 (Januari) sampai 12 (Desember)",
                ));
            }
            bits |= 1 << (m - 1);
        }
        if !self.production.is_finite() || self.production < 0.0 || self.production > 1e9 {
            return Err(Error::invalid(
                "production",
                "hasil setahun: 0 atau lebih, mis. 840.5",
            ));
        }
        if !(0..=1_000_000).contains(&self.producers) {
            return Err(Error::invalid(
                "producers",
                "jumlah petani, peternak atau nelayan: 0 atau lebih",
            ));
        }
        Ok(Row {
            desa_id: desa_id.to_string(),
            commodity: c.code().to_string(),
            year,
            area_ha: self.area_ha.map(|a| a.0),
            production: self.production,
            unit: self.unit.code().to_string(),
            harvest_months: bits,
            producers: self.producers,
            updated_at: now,
        })
    }
}

/// The desa's potensi of a year: per commodity, area, production, harvest months, producers.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/potensi", tag = "situs desa",
    params(("desa" = String, Path), YearQuery),
    responses((status = 200, body = PotensiYear), (status = 400), (status = 404)))]
pub async fn list(
    state: web::Data<AppState>,
    desa: Desa,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse> {
    let (items, years, year) = of_year(&state, &desa, query.year).await?;
    Ok(HttpResponse::Ok().json(PotensiYear { year, years, items }))
}

/// Writes one commodity's year (new, or again).
#[utoipa::path(post, path = "/api/v1/desa/{desa}/potensi", tag = "situs desa",
    params(("desa" = String, Path)),
    request_body = PotensiInput,
    responses((status = 200, body = PotensiView), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn put(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<PotensiInput>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let row = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let row = input.row(w.tenant.as_str(), w.now)?;
            store::put(w.conn, &row)?;
            w.audit("potensi.put", &row.commodity, &row.year.to_string())?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(PotensiView::from(row)))
}

#[utoipa::path(delete, path = "/api/v1/desa/{desa}/potensi/{commodity}/{year}", tag = "situs desa",
    params(("desa" = String, Path), ("commodity" = String, Path), ("year" = i32, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn remove(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String, i32)>,
) -> Result<HttpResponse> {
    let (_, commodity, year) = path.into_inner();
    let (c, year) = parse_path(&commodity, year)?;
    state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            store::delete(w.conn, w.tenant, c.code(), year)?;
            w.audit("potensi.delete", c.code(), &year.to_string())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
