//! Potensi on the web: a year's table and charts for anyone, the form for the desa's staff
//! (posting to the JSON API).

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Datelike;
use serde::Deserialize;
use sid_core::auth::{Caller, Staff};
use sid_core::chart::{bars, Bar};
use sid_core::page::{self, Nav};
use sid_core::{clock, AppState, Desa, Result};

use super::{of_year, Commodity, PotensiView, Unit};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/potensi", web::get().to(public_page))
        .route("/admin/potensi", web::get().to(editor_page));
}

#[derive(Deserialize)]
struct YearParams {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    year: Option<i32>,
}

#[derive(Template)]
#[template(path = "potensi.html")]
struct PotensiPage {
    nav: Nav,
    desa: Desa,
    canonical: String,
    year: Option<i32>,
    years: Vec<i32>,
    items: Vec<PotensiView>,
    producers_chart: String,
    area_chart: String,
    editor: bool,
    commodities: Vec<(&'static str, &'static str)>,
    units: Vec<(&'static str, &'static str)>,
    this_year: i32,
}

async fn render(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<&Caller>,
    desa: Desa,
    year: Option<i32>,
    editor: bool,
) -> Result<HttpResponse> {
    let (items, years, year) = of_year(&state, &desa, year).await?;
    let chart = |title: &str, value: fn(&PotensiView) -> Option<f64>, unit: &str| {
        let rows: Vec<Bar> = items
            .iter()
            .filter_map(|p| {
                value(p).map(|v| Bar {
                    label: p.label.to_string(),
                    value: v,
                    shown: format!("{v} {unit}"),
                })
            })
            .collect();
        if rows.len() > 1 {
            bars(title, &rows, 21, true)
        } else {
            String::new()
        }
    };
    let page = PotensiPage {
        nav: Nav::new(&req, caller),
        canonical: format!("{}/desa/{}/potensi", state.public_url, desa.slug),
        producers_chart: chart(
            "Petani, peternak dan nelayan",
            |p| Some(f64::from(p.producers)),
            "org",
        ),
        area_chart: chart("Luas lahan dan kolam", |p| p.area_ha, "ha"),
        desa,
        year,
        years,
        items,
        editor,
        commodities: Commodity::choices(),
        units: Unit::choices(),
        this_year: clock::today().year(),
    };
    if editor {
        page::render(&page, &page.nav)
    } else {
        page::render_fresh(&req, &page, &page.nav, None)
    }
}

/// What the desa grows, raises and catches in a year.
async fn public_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    query: web::Query<YearParams>,
) -> Result<HttpResponse> {
    render(req, state, caller.as_ref(), desa, query.year, false).await
}

/// The same for the desa's staff, with the form.
async fn editor_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<YearParams>,
) -> Result<HttpResponse> {
    let desa = staff.desa.clone();
    render(req, state, Some(&staff.caller), desa, query.year, true).await
}
