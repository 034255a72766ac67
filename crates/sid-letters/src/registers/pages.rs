//! The registers' pages for the desa's staff: the agenda of received letters and the register
//! of sent ones, a year at a time, with the forms that post to the JSON API.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Datelike;
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::page::{self, Nav};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::{clock, AppState, Desa, Result};

use super::direction::Direction;
use super::store::{self, Entry};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/surat/masuk", web::get().to(incoming))
        .route("/admin/surat/keluar", web::get().to(outgoing));
}

#[derive(Deserialize)]
struct YearQuery {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    year: Option<i32>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    nav: Nav,
    desa: Desa,
    incoming: bool,
    year: i32,
    years: Vec<i32>,
    rows: Vec<Entry>,
    total: i64,
    prev: Option<String>,
    next: Option<String>,
    today: String,
}

async fn incoming(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse> {
    register(req, state, staff, query.into_inner(), Direction::Masuk).await
}

async fn outgoing(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse> {
    register(req, state, staff, query.into_inner(), Direction::Keluar).await
}

async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    q: YearQuery,
    direction: Direction,
) -> Result<HttpResponse> {
    let today = clock::today();
    let year = q.year.unwrap_or(today.year());
    let number = q.page.unwrap_or(1);
    let page = PageParams::parse(&PageQuery {
        page: Some(number),
        per_page: None,
    })?;
    let (rows, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, direction, year, &page)
        })
        .await?;
    let page = RegisterPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        incoming: direction == Direction::Masuk,
        year,
        years: (2020..=today.year()).rev().collect(),
        prev: (number > 1).then(|| format!("?year={year}&page={}", number - 1)),
        next: (number * page.limit() < total).then(|| format!("?year={year}&page={}", number + 1)),
        rows,
        total,
        today: today.format("%Y-%m-%d").to_string(),
    };
    page::render(&page, &page.nav)
}
