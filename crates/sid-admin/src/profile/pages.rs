//! The desa's site: its home (latest news, projects under way, key figures), its profile page,
//! and for its admin the form that writes the profile (posting to the JSON API).

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::{Caller, DesaAdmin};
use sid_core::facts::{Fact, FactSources};
use sid_core::page::{self, Nav};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::{clock, markdown, photos, AppState, Desa, Result};

use super::{load, store, DesaProfile};
use crate::articles::{self, ArticleView};
use crate::projects::{self, ProjectView};
use crate::site_pages::{self, SitePageView};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(public_page))
        .route("/profil", web::get().to(profile_page))
        .route("/admin/profil", web::get().to(profile_form))
        .route("/profil/foto/{size}/{file}", web::get().to(photo));
}

/// The desa's figures: each module's, and its area.
async fn figures(
    state: &AppState,
    sources: &web::Data<FactSources>,
    desa: &Desa,
) -> Result<Vec<Fact>> {
    let sources = sources.clone();
    state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| sources.read(conn, tenant))
        .await
}

#[derive(Template)]
#[template(path = "desa_public.html")]
struct PublicPage {
    nav: Nav,
    desa: DesaProfile,
    canonical: String,
    /// The latest articles shown.
    articles: Vec<ArticleView>,
    /// This year's projects under way.
    projects: Vec<ProjectView>,
    facts: Vec<Fact>,
    /// The desa's published static pages.
    pages: Vec<SitePageView>,
}

/// The desa's home page on the web.
async fn public_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    sources: web::Data<FactSources>,
    caller: Option<Caller>,
    desa: Desa,
) -> Result<HttpResponse> {
    let latest = PageParams::parse(&PageQuery {
        page: Some(1),
        per_page: Some(3),
    })?;
    // One transaction for all the home shows: a visit costs one round of the pool.
    let (base, d, now) = (state.public_url.clone(), desa.clone(), clock::now());
    let sources = sources.clone();
    let (articles, projects, facts, profile, pages) = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            Ok((
                articles::shown_in(conn, tenant, &base, &d, now, None, &latest)?.0,
                projects::under_way_in(conn, tenant, &base, &d)?,
                sources.read(conn, tenant)?,
                store::get(conn, tenant)?,
                site_pages::published_in(conn, tenant, &base, &d)?,
            ))
        })
        .await?;
    let page = PublicPage {
        nav: Nav::new(&req, caller.as_ref()),
        canonical: format!("{}/desa/{}", state.public_url, desa.slug),
        desa: DesaProfile::new(&state.public_url, desa, profile),
        articles,
        projects,
        facts,
        pages,
    };
    page::render_fresh(&req, &page, &page.nav, None)
}

#[derive(Template)]
#[template(path = "profil.html")]
struct ProfilePage {
    nav: Nav,
    desa: DesaProfile,
    canonical: String,
    facts: Vec<Fact>,
    history: Option<String>,
    mission: Option<String>,
}

/// History, vision and mission, area and neighbours, dusun/RW/RT, contact and office hours.
async fn profile_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    sources: web::Data<FactSources>,
    caller: Option<Caller>,
    desa: Desa,
) -> Result<HttpResponse> {
    let facts = figures(&state, &sources, &desa).await?;
    let canonical = format!("{}/desa/{}/profil", state.public_url, desa.slug);
    let desa = load(&state, desa).await?;
    let page = ProfilePage {
        nav: Nav::new(&req, caller.as_ref()),
        history: desa.profile.history.as_deref().map(markdown::to_html),
        mission: desa.profile.mission.as_deref().map(markdown::to_html),
        desa,
        canonical,
        facts,
    };
    page::render_fresh(&req, &page, &page.nav, None)
}

#[derive(Template)]
#[template(path = "admin_profil.html")]
struct ProfileForm {
    nav: Nav,
    desa: DesaProfile,
}

/// The form that writes the desa's profile.
async fn profile_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: DesaAdmin,
) -> Result<HttpResponse> {
    let page = ProfileForm {
        nav: Nav::new(&req, Some(&admin.caller)),
        desa: load(&state, admin.desa).await?,
    };
    page::render(&page, &page.nav)
}

/// The desa's current photo as this server re-encoded it.
async fn photo(
    state: web::Data<AppState>,
    desa: Desa,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse> {
    let (_, size, file) = path.into_inner();
    photos::serve_known(&state, &desa.tenant, &size, &file, |conn, tenant, id| {
        let current = store::get(conn, tenant)?.photo;
        Ok((current.as_deref() == Some(id)).then_some(photos::CACHE_FOREVER))
    })
    .await
}
