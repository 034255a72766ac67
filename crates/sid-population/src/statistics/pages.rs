//! The desa's public statistics page, with charts.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::page::{self, Nav};
use sid_core::{AppState, Desa, Result};

use super::{chart, compute, Statistics};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/statistik", web::get().to(statistics));
}

#[derive(Template)]
#[template(path = "statistik.html")]
struct StatisticsPage {
    nav: Nav,
    desa: Desa,
    s: Statistics,
    pyramid: String,
    religion: String,
    education: String,
    occupation: String,
}

/// The desa's statistics for everyone, with charts.
async fn statistics(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<sid_core::auth::Caller>,
    desa: Desa,
) -> Result<HttpResponse> {
    let name = desa.name.clone();
    let s = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            compute(conn, tenant, &name, sid_core::clock::today())
        })
        .await?;
    let page = StatisticsPage {
        nav: Nav::new(&req, caller.as_ref()),
        pyramid: chart::pyramid(&s.age_groups),
        religion: chart::bars("Agama", &s.religion, 7),
        education: chart::bars("Pendidikan dalam KK", &s.education, 10),
        occupation: chart::bars("Pekerjaan (10 terbanyak)", &s.occupation, 10),
        desa,
        s,
    };
    page::render(&page, &page.nav)
}
