//! The administration books of one month as a page: the recap, the mutations and the Buku Induk.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Staff;
use sid_core::clock::month_range;
use sid_core::page::{self, Nav};
use sid_core::{audit, AppState, Desa, Result};

use super::Recap;
use crate::events::store::{self as events, BookLine};
use crate::residents::search::{search, Filter, ResidentQuery, ResidentRow};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/buku", web::get().to(books_page));
}

#[derive(Template)]
#[template(path = "buku.html")]
struct BooksPage {
    nav: Nav,
    desa: Desa,
    month: String,
    recap: Recap,
    lines: Vec<BookLine>,
    /// Buku Induk: residents entered in the month (the first page of them).
    register: Vec<ResidentRow>,
    registered: i64,
}

#[derive(serde::Deserialize)]
struct MonthQuery {
    month: Option<String>,
}

/// The administration books of one month: the recap and the mutations, with their files.
async fn books_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<MonthQuery>,
) -> Result<HttpResponse> {
    let month = query
        .into_inner()
        .month
        .unwrap_or_else(|| sid_core::clock::today().format("%Y-%m").to_string());
    let range = month_range(&month)?;
    let m = month.clone();
    let register = Filter::parse(
        ResidentQuery {
            registered: Some(month.clone()),
            status: Some(0),
            sort: Some("registered".into()),
            per_page: Some(sid_core::pagination::MAX_PER_PAGE),
            ..Default::default()
        },
        sid_core::clock::today(),
    )?;
    let (recap, lines, (register, registered)) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            let recap = super::compute(conn, tenant, &m)?;
            let (lines, _) = events::book(conn, tenant, Some(range), None, &register.page)?;
            Ok((recap, lines, search(conn, tenant, &register)?))
        })
        .await?;
    // Every person on the books' page was read: the month's mutations and new entries.
    let shown: std::collections::BTreeSet<String> = lines
        .iter()
        .map(|l| l.event.resident_id.clone())
        .chain(register.iter().map(|r| r.id.clone()))
        .collect();
    audit::shown(
        &state.db,
        &staff.desa.tenant,
        &staff.caller.user,
        "book.view",
        shown.into_iter().collect(),
        format!("Buku Mutasi dan Buku Induk {month}"),
    )
    .await?;
    let page = BooksPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        month,
        recap,
        lines,
        register,
        registered,
    };
    page::render(&page, &page.nav)
}
