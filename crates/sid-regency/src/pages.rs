//! Diskominfo's pages: every desa with its status and staff, and the batch import that moves
//! many desa in at once.

use actix_web::{web, HttpRequest, HttpResponse};
use sid_core::auth::{Caller, Role};
use sid_core::page;
use sid_core::{AppState, Error, Result};
use sid_tenancy::{directory_page, DirectoryFilter};

use crate::store::staff_counts;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kabupaten", web::get().to(kabupaten_home))
        .route("/kabupaten/impor", web::get().to(batch_import));
}

#[derive(askama::Template)]
#[template(path = "impor_desa.html")]
struct BatchImport {
    nav: sid_core::page::Nav,
    limit_mib: usize,
}

/// Files chosen together, one per desa, each sent to the regency import in turn by the page's
/// script, which shows a progress bar and a row per desa.
async fn batch_import(
    req: HttpRequest,
    admin: sid_core::auth::RegencyAdmin,
) -> Result<HttpResponse> {
    let page = BatchImport {
        nav: sid_core::page::Nav::new(&req, Some(&admin.caller)),
        limit_mib: sid_population::import::MAX_FILE / (1024 * 1024),
    };
    page::render(&page, &page.nav)
}

async fn kabupaten_home(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    filter: web::Query<DirectoryFilter>,
) -> Result<HttpResponse> {
    let Some(caller) = caller else {
        return Ok(page::redirect("/masuk"));
    };
    if caller.user.role != Role::KabupatenAdmin {
        return Err(Error::Forbidden(
            "Halaman ini hanya untuk admin kabupaten (Diskominfo).".into(),
        ));
    }
    let staff = state.db.global_read(staff_counts).await?;
    directory_page(&req, &state, Some(&caller), &filter, Some(&staff))
}
