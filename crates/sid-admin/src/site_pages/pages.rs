//! Static pages on the web: each published page for anyone, the list and the editor for the
//! desa's staff (forms post to the JSON API).

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::{Caller, Staff};
use sid_core::page::{self, Nav};
use sid_core::{AppState, Desa, Result};

use super::{listed, load, SitePageView};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/halaman/{slug}", web::get().to(public_page))
        .route("/admin/halaman", web::get().to(editor_list))
        .route("/admin/halaman/tulis", web::get().to(new_page))
        .route("/admin/halaman/{id}/ubah", web::get().to(edit_page));
}

#[derive(Template)]
#[template(path = "halaman.html")]
struct PublicPage {
    nav: Nav,
    desa: Desa,
    p: SitePageView,
    /// The desa's other published pages.
    others: Vec<SitePageView>,
}

/// One page; a draft only for the desa's staff (marked so).
async fn public_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, slug) = path.into_inner();
    let staff = caller.as_ref().is_some_and(|c| c.is_staff_of(&desa));
    let p = load(&state, &desa, slug, staff).await?;
    let others = listed(&state, &desa, false)
        .await?
        .into_iter()
        .filter(|o| o.id != p.id)
        .collect::<Vec<_>>();
    let modified = others
        .iter()
        .map(|o| o.updated_at)
        .chain([p.updated_at])
        .max();
    let page = PublicPage {
        nav: Nav::new(&req, caller.as_ref()),
        desa,
        p,
        others,
    };
    page::render_fresh(&req, &page, &page.nav, modified)
}

#[derive(Template)]
#[template(path = "admin_halaman.html")]
struct EditorList {
    nav: Nav,
    desa: Desa,
    items: Vec<SitePageView>,
}

/// Every page of the desa for its staff, drafts included.
async fn editor_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse> {
    let items = listed(&state, &staff.desa, true).await?;
    let page = EditorList {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        items,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "halaman_form.html")]
struct PageForm {
    nav: Nav,
    desa: Desa,
    /// The page changed; `None` for a new one.
    p: Option<SitePageView>,
}

impl PageForm {
    fn is_published(&self) -> bool {
        self.p.as_ref().is_some_and(|p| p.published)
    }
}

async fn new_page(req: HttpRequest, staff: Staff) -> Result<HttpResponse> {
    let page = PageForm {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        p: None,
    };
    page::render(&page, &page.nav)
}

async fn edit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let p = load(&state, &staff.desa, id, true).await?;
    let page = PageForm {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        p: Some(p),
    };
    page::render(&page, &page.nav)
}
