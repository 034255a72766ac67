use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Caller;
use sid_core::page::{self, Nav};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::{AppState, Desa, Result};

use super::{load, DesaProfile};
use crate::articles::{self, ArticleView};
use crate::projects::{self, ProjectView};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(public_page));
}

#[derive(Template)]
#[template(path = "desa_public.html")]
struct PublicPage {
    nav: Nav,
    desa: DesaProfile,
    /// The latest articles shown.
    articles: Vec<ArticleView>,
    /// This year's projects under way.
    projects: Vec<ProjectView>,
}

/// The desa's home page on the web.
async fn public_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
) -> Result<HttpResponse> {
    let latest = PageParams::parse(&PageQuery {
        page: Some(1),
        per_page: Some(3),
    })?;
    let (articles, _) = articles::shown(&state, &desa, None, latest).await?;
    let projects = projects::under_way(&state, &desa).await?;
    let page = PublicPage {
        nav: Nav::new(&req, caller.as_ref()),
        desa: load(&state, desa).await?,
        articles,
        projects,
    };
    page::render_fresh(&req, &page, &page.nav, None)
}
