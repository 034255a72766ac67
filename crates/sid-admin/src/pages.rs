//! The crate's own page: the desa staff's home, a list of what waits for them.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::{Caller, Position, Role};
use sid_core::page::{self, Nav};
use sid_core::work::{WorkItem, WorkSources};
use sid_core::{AppState, Desa, Error, Result};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(admin_home));
}

#[derive(Template)]
#[template(path = "admin_home.html")]
struct AdminHome {
    nav: Nav,
    desa: Desa,
    name: String,
    position: &'static str,
    is_admin: bool,
    /// The person's own steps first, then what is late, then the rest.
    work: Vec<WorkItem>,
}

async fn admin_home(
    req: HttpRequest,
    state: web::Data<AppState>,
    sources: web::Data<WorkSources>,
    caller: Option<Caller>,
    desa: Desa,
) -> Result<HttpResponse> {
    let Some(caller) = caller else {
        return Ok(page::redirect("/masuk"));
    };
    if !caller.is_staff_of(&desa) {
        return Err(Error::Forbidden(format!(
            "Halaman ini hanya untuk staf Desa {}.",
            desa.name
        )));
    }
    let user = caller.user.clone();
    let mut work = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            let mut all = Vec::new();
            for count in &sources.0 {
                all.extend(count(conn, tenant, &user)?);
            }
            Ok(all)
        })
        .await?;
    work.sort_by_key(|w| (!w.mine || w.count == 0, !w.late));
    let page = AdminHome {
        nav: Nav::new(&req, Some(&caller)),
        name: caller.user.display_name().to_string(),
        position: caller
            .user
            .position
            .map_or(caller.user.role.label(), Position::label),
        is_admin: caller.user.role == Role::DesaAdmin,
        work,
        desa,
    };
    page::render(&page, &page.nav)
}
