//! Projects on the web: the transparency list and each project with its dated photos for
//! anyone; for the desa's staff the forms (posting to the JSON API) to record a project and
//! report its progress.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Datelike;
use serde::Deserialize;
use sid_core::auth::{Caller, Staff};
use sid_core::page::{self, Nav};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::photos;
use sid_core::{clock, AppState, Desa, Result};

use super::funding::Funding;
use super::store;
use super::view::{ProjectView, Transparency};
use super::{load, transparency};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/pembangunan", web::get().to(public_list))
        .route("/pembangunan/foto/{size}/{file}", web::get().to(photo))
        .route("/pembangunan/{id}", web::get().to(project_page))
        .route("/admin/pembangunan", web::get().to(editor_page));
}

#[derive(Deserialize)]
struct ListParams {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    year: Option<i32>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "pembangunan.html")]
struct PublicList {
    nav: Nav,
    desa: Desa,
    canonical: String,
    year: Option<i32>,
    years: Vec<i32>,
    list: Transparency,
    prev: Option<String>,
    next: Option<String>,
    /// The staff's form to record a project, on their own page.
    editor: bool,
    fundings: Vec<(&'static str, &'static str)>,
    today: String,
}

async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<&Caller>,
    desa: Desa,
    q: ListParams,
    editor: bool,
) -> Result<HttpResponse> {
    let per_page = 20;
    let number = q.page.unwrap_or(1);
    let page = PageParams::parse(&PageQuery {
        page: q.page,
        per_page: Some(per_page),
    })?;
    let list = transparency(&state, &desa, q.year, page).await?;
    let keep = q.year.map(|y| format!("year={y}&")).unwrap_or_default();
    let today = clock::today();
    let page = PublicList {
        nav: Nav::new(&req, caller),
        canonical: format!("{}/desa/{}/pembangunan", state.public_url, desa.slug),
        desa,
        year: q.year,
        years: (2018..=today.year() + 1).rev().collect(),
        prev: (number > 1).then(|| format!("?{keep}page={}", number - 1)),
        next: (number * per_page < list.total).then(|| format!("?{keep}page={}", number + 1)),
        list,
        editor,
        fundings: Funding::choices(),
        today: today.format("%Y-%m-%d").to_string(),
    };
    if editor {
        page::render(&page, &page.nav)
    } else {
        page::render_fresh(&req, &page, &page.nav, None)
    }
}

/// The transparency list: every project, the sums per year and fund.
async fn public_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    query: web::Query<ListParams>,
) -> Result<HttpResponse> {
    list_page(req, state, caller.as_ref(), desa, query.into_inner(), false).await
}

/// The same list for the desa's staff, with the form to record a project.
async fn editor_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ListParams>,
) -> Result<HttpResponse> {
    let desa = staff.desa.clone();
    list_page(
        req,
        state,
        Some(&staff.caller),
        desa,
        query.into_inner(),
        true,
    )
    .await
}

#[derive(Template)]
#[template(path = "pembangunan_detail.html")]
struct ProjectPage {
    nav: Nav,
    desa: Desa,
    p: ProjectView,
    staff: bool,
    today: String,
}

/// One project: its particulars, its progress and the dated photos; for staff the report form.
async fn project_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let staff = caller.as_ref().is_some_and(|c| c.is_staff_of(&desa));
    let p = load(&state, &desa, id).await?;
    let page = ProjectPage {
        nav: Nav::new(&req, caller.as_ref()),
        desa,
        p,
        staff,
        today: clock::today().format("%Y-%m-%d").to_string(),
    };
    page::render_fresh(&req, &page, &page.nav, None)
}

/// A report's photo as this server re-encoded it; its id never names another picture, so it
/// is cached for a year.
async fn photo(
    state: web::Data<AppState>,
    desa: Desa,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse> {
    let (_, size, file) = path.into_inner();
    photos::serve_known(&state, &desa.tenant, &size, &file, |conn, tenant, id| {
        Ok(store::has_photo(conn, tenant, id)?.then_some(photos::CACHE_FOREVER))
    })
    .await
}
