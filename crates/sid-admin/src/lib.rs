//! Per-desa administration: the desa's profile and public site (its articles, and with every
//! other desa's the regency's news page), its development projects, its officials and
//! potensi, its static pages, the staff's home, and the desa's audit log.

mod api;
mod articles;
mod officials;
mod pages;
mod potensi;
mod profile;
mod projects;
mod site_pages;
pub mod synthetic;

use actix_web::web;
use sid_core::db::DbConn;
use sid_core::{Module, Result, TenantId};
use utoipa::OpenApi;

pub use profile::store::Profile;

/// Per-desa administration, as the composition root mounts it.
pub const MODULE: Module = Module {
    api: configure_api,
    pages: configure_pages,
    regency_api: articles::configure_regency_api,
    regency_pages: articles::configure_regency_pages,
    openapi,
    ..Module::new("admin")
};

/// One desa's website for the regency's dashboard.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, utoipa::ToSchema)]
pub struct Site {
    /// Articles shown now.
    pub articles: i64,
    pub projects: i64,
    /// The projects' budgets summed, in rupiah.
    pub budget: i64,
}

/// The website of every desa that has anything on it, by desa id (a regency-wide read).
pub fn regency_figures(
    conn: &mut DbConn,
    now: chrono::NaiveDateTime,
) -> Result<std::collections::HashMap<String, Site>> {
    let mut out: std::collections::HashMap<String, Site> = Default::default();
    for (desa, n) in articles::shown_per_desa(conn, now)? {
        out.entry(desa).or_default().articles = n;
    }
    for (desa, (n, budget)) in projects::budgets_per_desa(conn)? {
        let s = out.entry(desa).or_default();
        (s.projects, s.budget) = (n, budget);
    }
    Ok(out)
}

/// What the desa writes about itself (kepala desa, office address, ...), for the kop surat and
/// other modules' pages.
pub fn profile(conn: &mut DbConn, tenant: &TenantId) -> Result<Profile> {
    profile::store::get(conn, tenant)
}

/// API routes under `/api/v1/desa/{desa}`.
fn configure_api(cfg: &mut web::ServiceConfig) {
    profile::configure_api(cfg);
    articles::configure_api(cfg);
    projects::configure_api(cfg);
    officials::configure_api(cfg);
    potensi::configure_api(cfg);
    site_pages::configure_api(cfg);
    api::configure(cfg);
}

/// Page routes under `/desa/{desa}`.
fn configure_pages(cfg: &mut web::ServiceConfig) {
    profile::configure_pages(cfg);
    articles::configure_pages(cfg);
    projects::configure_pages(cfg);
    officials::configure_pages(cfg);
    potensi::configure_pages(cfg);
    site_pages::configure_pages(cfg);
    pages::configure(cfg);
}

fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = profile::ProfileDoc::openapi();
    doc.merge(articles::ArticlesDoc::openapi());
    doc.merge(projects::ProjectsDoc::openapi());
    doc.merge(officials::OfficialsDoc::openapi());
    doc.merge(potensi::PotensiDoc::openapi());
    doc.merge(site_pages::SitePagesDoc::openapi());
    doc.merge(api::AuditDoc::openapi());
    doc
}
