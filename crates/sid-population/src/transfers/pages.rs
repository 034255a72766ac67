//! The desa's transfers as a page: what it asked of other desa, what they ask of it, and the
//! buttons that answer.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Staff;
use sid_core::page::{self, Nav};
use sid_core::{AppState, Desa, Result};

use super::reading::{read_page, Filter, ListQuery, TransferView};
use super::status::Status;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/pindah", web::get().to(transfers_page));
}

#[derive(Template)]
#[template(path = "pindah.html")]
struct TransfersPage {
    nav: Nav,
    desa: Desa,
    direction: String,
    status: String,
    statuses: Vec<(&'static str, &'static str)>,
    items: Vec<TransferView>,
    total: i64,
    prev: Option<String>,
    next: Option<String>,
}

async fn transfers_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let query = query.into_inner();
    let direction = query.direction.clone().unwrap_or_default();
    let status = query.status.clone().unwrap_or_default();
    let filter = Filter::parse(query)?;
    let listed = read_page(&state, &staff, filter).await?;
    let page_no = listed.page;
    let link = |p: i64| format!("?direction={direction}&status={status}&page={p}");
    let shown = (page_no - 1) * listed.per_page + listed.items.len() as i64;
    let page = TransfersPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        prev: (page_no > 1).then(|| link(page_no - 1)),
        next: (shown < listed.total).then(|| link(page_no + 1)),
        statuses: Status::ALL
            .iter()
            .map(|s| (s.as_str(), s.label()))
            .collect(),
        direction,
        status,
        items: listed.items,
        total: listed.total,
    };
    page::render(&page, &page.nav)
}
