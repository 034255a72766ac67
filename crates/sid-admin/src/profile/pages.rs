use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Caller;
use sid_core::page::{self, Nav};
use sid_core::{AppState, Desa, Result};

use super::{load, DesaProfile};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(public_page));
}

#[derive(Template)]
#[template(path = "desa_public.html")]
struct PublicPage {
    nav: Nav,
    desa: DesaProfile,
}

/// The desa's home page on the web.
async fn public_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
) -> Result<HttpResponse> {
    let page = PublicPage {
        nav: Nav::new(&req, caller.as_ref()),
        desa: load(&state, desa).await?,
    };
    page::render(&page, &page.nav)
}
