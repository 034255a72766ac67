//! The desa's government on the web: who serves in it for anyone, and for the desa's staff the
//! forms (posting to the JSON API) to keep the list current.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::{Caller, Staff};
use sid_core::page::{self, Nav};
use sid_core::{photos, AppState, Desa, Result};

use super::{all, store, Body, OfficialView};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/pemerintahan", web::get().to(public_page))
        .route("/pemerintahan/foto/{size}/{file}", web::get().to(photo))
        .route("/admin/pemerintahan", web::get().to(editor_page));
}

#[derive(Template)]
#[template(path = "pemerintahan.html")]
struct OfficialsPage {
    nav: Nav,
    desa: Desa,
    canonical: String,
    /// Each body with its officials, in order.
    bodies: Vec<(&'static str, &'static str, Vec<OfficialView>)>,
    editor: bool,
    choices: Vec<(&'static str, &'static str)>,
}

async fn render(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<&Caller>,
    desa: Desa,
    editor: bool,
) -> Result<HttpResponse> {
    let officials = all(&state, &desa).await?;
    let bodies = Body::ALL
        .iter()
        .map(|b| {
            let of: Vec<OfficialView> = officials
                .iter()
                .filter(|o| o.body == b.code())
                .cloned()
                .collect();
            (b.code(), b.label(), of)
        })
        .collect();
    let page = OfficialsPage {
        nav: Nav::new(&req, caller),
        canonical: format!("{}/desa/{}/pemerintahan", state.public_url, desa.slug),
        desa,
        bodies,
        editor,
        choices: Body::choices(),
    };
    if editor {
        page::render(&page, &page.nav)
    } else {
        page::render_fresh(&req, &page, &page.nav, None)
    }
}

/// The perangkat desa and the BPD.
async fn public_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
) -> Result<HttpResponse> {
    render(req, state, caller.as_ref(), desa, false).await
}

/// The same for the desa's staff, with the forms.
async fn editor_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse> {
    let desa = staff.desa.clone();
    render(req, state, Some(&staff.caller), desa, true).await
}

/// An official's photo as this server re-encoded it.
async fn photo(
    state: web::Data<AppState>,
    desa: Desa,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse> {
    let (_, size, file) = path.into_inner();
    photos::serve_known(&state, &desa.tenant, &size, &file, |conn, tenant, id| {
        // A new photo replaces the old under the same address: checked again on each visit.
        Ok(store::has_photo(conn, tenant, id)?.then_some("public, no-cache"))
    })
    .await
}
