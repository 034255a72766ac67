//! The desa's static pages (Sejarah, Transparansi, Tata cara pelayanan, …): what does not age
//! like news, written in Markdown by the desa's staff and linked from every page of its site.

mod api;
mod input;
mod pages;
mod store;

use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::{AppState, Desa, Error, Result, TenantId};

pub use api::{configure as configure_api, SitePagesDoc};
pub use pages::configure as configure_pages;
use store::SitePage;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SitePageView {
    pub id: String,
    /// The last part of its address, from the title when it was written.
    pub slug: String,
    pub title: String,
    /// As written (Markdown).
    pub body: String,
    /// As shown: rendered and sanitised.
    pub body_html: String,
    /// Order on the site, smallest first.
    pub position: i32,
    /// A page not published is seen by the desa's staff only.
    pub published: bool,
    pub updated_at: chrono::NaiveDateTime,
    pub url: String,
}

impl SitePageView {
    fn new(base: &str, desa: &Desa, p: SitePage) -> SitePageView {
        SitePageView {
            url: format!("{base}/desa/{}/halaman/{}", desa.slug, p.slug),
            id: p.id,
            slug: p.slug,
            title: p.title,
            body: p.body,
            body_html: p.body_html,
            position: p.position,
            published: p.published,
            updated_at: p.updated_at,
        }
    }
}

/// The desa's pages in their order: the published ones, or for its staff all.
async fn listed(state: &AppState, desa: &Desa, staff: bool) -> Result<Vec<SitePageView>> {
    let (base, d) = (state.public_url.clone(), desa.clone());
    state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            listed_in(conn, tenant, &base, &d, staff)
        })
        .await
}

fn listed_in(
    conn: &mut DbConn,
    tenant: &TenantId,
    base: &str,
    desa: &Desa,
    staff: bool,
) -> Result<Vec<SitePageView>> {
    Ok(store::list(conn, tenant, staff)?
        .into_iter()
        .map(|p| SitePageView::new(base, desa, p))
        .collect())
}

/// The desa's published pages, inside a transaction of the desa's that reads more (its home).
pub(crate) fn published_in(
    conn: &mut DbConn,
    tenant: &TenantId,
    base: &str,
    desa: &Desa,
) -> Result<Vec<SitePageView>> {
    listed_in(conn, tenant, base, desa, false)
}

/// One page of the desa by id or slug; a draft only for `staff`.
async fn load(state: &AppState, desa: &Desa, key: String, staff: bool) -> Result<SitePageView> {
    let p = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            store::find(conn, tenant, &key)
        })
        .await?;
    if !staff && !p.published {
        return Err(Error::NotFound("Halaman".into()));
    }
    Ok(SitePageView::new(&state.public_url, desa, p))
}

/// The desa's published pages, for its home and its sitemap.
pub(crate) async fn published(state: &AppState, desa: &Desa) -> Result<Vec<SitePageView>> {
    listed(state, desa, false).await
}
