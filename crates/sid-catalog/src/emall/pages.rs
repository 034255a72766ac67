//! The e-mall's page: search, filters and the products of every desa, for phones first.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Caller;
use sid_core::page::{self, Nav};
use sid_core::{AppState, Error, FieldError, Result};

use super::listing::{read, EmallHit, EmallQuery};
use super::search::Sort;
use crate::category::Category;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/emall", web::get().to(emall_page));
}

#[derive(Template)]
#[template(path = "emall.html")]
struct EmallPage {
    nav: Nav,
    q: EmallQuery,
    canonical: String,
    categories: Vec<(&'static str, &'static str)>,
    kecamatan: Vec<(String, String)>,
    /// The desa of the chosen kecamatan, to narrow to one.
    desa: Vec<(String, String)>,
    sorts: Vec<(&'static str, &'static str)>,
    items: Vec<EmallHit>,
    total: i64,
    problems: Vec<FieldError>,
    prev: Option<String>,
    next: Option<String>,
    /// Whether any filter beyond the words is set (the filters then show open).
    filtered: bool,
}

impl EmallPage {
    fn chosen(v: &Option<String>) -> &str {
        v.as_deref().unwrap_or_default()
    }
}

/// The query string of the same search on another page.
fn link(q: &EmallQuery, page: i64) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for (k, v) in [
        ("q", &q.q),
        ("category", &q.category),
        ("kecamatan", &q.kecamatan),
        ("desa", &q.desa),
        ("sort", &q.sort),
        ("price_min", &q.price_min),
        ("price_max", &q.price_max),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            pairs.push((k, v.to_string()));
        }
    }
    pairs.push(("page", page.to_string()));
    let encoded: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| {
            format!(
                "{k}={}",
                percent_encoding::utf8_percent_encode(&v, percent_encoding::NON_ALPHANUMERIC)
            )
        })
        .collect();
    format!("?{}", encoded.join("&"))
}

async fn emall_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    query: web::Query<EmallQuery>,
) -> Result<HttpResponse> {
    let q = query.into_inner();
    let all = state.directory.all();
    let mut kecamatan: Vec<(String, String)> = all
        .iter()
        .filter(|d| d.active)
        .map(|d| (d.kecamatan.code.clone(), d.kecamatan.name.clone()))
        .collect();
    kecamatan.sort_by(|a, b| a.1.cmp(&b.1));
    kecamatan.dedup();
    let chosen_kecamatan = q.kecamatan.clone().unwrap_or_default();
    let mut desa: Vec<(String, String)> = all
        .iter()
        .filter(|d| d.active && d.kecamatan.code == chosen_kecamatan)
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    desa.sort_by(|a, b| a.1.cmp(&b.1));
    let (items, total, problems, number) = match q.parse(&state.directory) {
        Ok((search, page)) => {
            let number = q.page.unwrap_or(1);
            let (items, total) = read(&state, search, page).await?;
            (items, total, Vec::new(), number)
        }
        Err(Error::Invalid(problems)) => (Vec::new(), 0, problems, 1),
        Err(e) => return Err(e),
    };
    let per_page = q.per_page.unwrap_or(24);
    let seen = (number - 1) * per_page + items.len() as i64;
    let page = EmallPage {
        nav: Nav::new(&req, caller.as_ref()),
        canonical: format!("{}/emall", state.public_url),
        categories: Category::choices(),
        kecamatan,
        desa,
        sorts: Sort::ALL.iter().map(|s| (s.code(), s.label())).collect(),
        filtered: [
            &q.category,
            &q.kecamatan,
            &q.desa,
            &q.price_min,
            &q.price_max,
            &q.sort,
        ]
        .iter()
        .any(|v| v.as_deref().is_some_and(|v| !v.is_empty())),
        prev: (number > 1).then(|| link(&q, number - 1)),
        next: (seen < total).then(|| link(&q, number + 1)),
        q,
        items,
        total,
        problems,
    };
    page::render(&page, &page.nav)
}
