//! The import page: the template's columns and the upload form (sent to the API).

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Staff;
use sid_core::page::{self, Nav};
use sid_core::{Desa, Result};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/impor", web::get().to(import_page));
}

#[derive(Template)]
#[template(path = "impor.html")]
struct ImportPage {
    nav: Nav,
    desa: Desa,
    columns: Vec<(&'static str, bool, &'static str)>,
    limit_mib: usize,
}

async fn import_page(req: HttpRequest, staff: Staff) -> Result<HttpResponse> {
    let page = ImportPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        columns: super::columns(),
        limit_mib: super::MAX_FILE / (1024 * 1024),
    };
    page::render(&page, &page.nav)
}
