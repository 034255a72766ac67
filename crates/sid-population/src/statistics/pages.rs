//! The desa's public statistics page: the filter, the pyramid, and every table with its chart
//! and its CSV.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use sid_core::page::{self, Nav};
use sid_core::{AppState, Desa, Result};

use sid_core::chart::Bar;

use super::{chart, dusun_names, load, Breakdown, Filter, Statistics};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/statistik", web::get().to(statistics));
}

/// A table with its chart.
struct Table {
    b: Breakdown,
    chart: String,
}

#[derive(Template)]
#[template(path = "statistik.html")]
struct StatisticsPage {
    nav: Nav,
    desa: Desa,
    s: Statistics,
    pyramid: String,
    tables: Vec<Table>,
    dusun: Vec<String>,
}

impl StatisticsPage {
    fn is_dusun(&self, d: &str) -> bool {
        self.s.filter.dusun.as_deref() == Some(d)
    }
}

#[derive(Deserialize)]
struct PageQuery {
    dusun: Option<String>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    sex: Option<i32>,
}

/// Tables whose order is their meaning keep it in the chart.
const ORDERED: [&str; 5] = ["kelompok_umur", "dusun", "rw", "rt", "anggota_keluarga"];

/// The desa's statistics for everyone, with charts.
async fn statistics(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<sid_core::auth::Caller>,
    desa: Desa,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let q = query.into_inner();
    let filter = Filter {
        dusun: q.dusun.filter(|d| !d.trim().is_empty()),
        sex: q.sex,
    };
    let s = load(&state, &desa, filter).await?;
    let dusun = state.db.tenant_read(&desa.tenant, dusun_names).await?;
    let tables = s
        .breakdowns
        .iter()
        .cloned()
        .map(|b| {
            let counts: Vec<Bar> = b
                .rows
                .iter()
                .map(|r| Bar {
                    label: r.label.clone(),
                    value: r.total as f64,
                    shown: r.total.to_string(),
                })
                .collect();
            let chart = if counts.len() > 1 {
                // The table's heading names the chart.
                sid_core::chart::bars("", &counts, 12, !ORDERED.contains(&b.key))
            } else {
                String::new()
            };
            Table { b, chart }
        })
        .collect();
    let page = StatisticsPage {
        nav: Nav::new(&req, caller.as_ref()),
        pyramid: chart::pyramid(&s.age_groups),
        tables,
        dusun,
        desa,
        s,
    };
    page::render(&page, &page.nav)
}
