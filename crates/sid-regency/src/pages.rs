//! Diskominfo's home page: every desa with its status and staff.

use actix_web::{web, HttpRequest, HttpResponse};
use sid_core::auth::{Caller, Role};
use sid_core::page;
use sid_core::{AppState, Error, Result};
use sid_tenancy::{directory_page, DirectoryFilter};

use crate::store::staff_counts;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kabupaten", web::get().to(kabupaten_home));
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
