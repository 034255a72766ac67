//! The crate's own page: the desa staff's home.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Caller;
use sid_core::page::{self, Nav};
use sid_core::{Desa, Error, Result};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(admin_home));
}

#[derive(Template)]
#[template(path = "admin_home.html")]
struct AdminHome {
    nav: Nav,
    desa: Desa,
    username: String,
    role: &'static str,
    is_admin: bool,
}

async fn admin_home(req: HttpRequest, caller: Option<Caller>, desa: Desa) -> Result<HttpResponse> {
    let Some(caller) = caller else {
        return Ok(page::redirect("/masuk"));
    };
    if !caller.is_staff_of(&desa) {
        return Err(Error::Forbidden(format!(
            "Halaman ini hanya untuk staf Desa {}.",
            desa.name
        )));
    }
    let page = AdminHome {
        nav: Nav::new(&req, Some(&caller)),
        username: caller.user.username.clone(),
        role: caller.user.role.label(),
        is_admin: caller.user.role == sid_core::auth::Role::DesaAdmin,
        desa,
    };
    page::render(&page, &page.nav)
}
