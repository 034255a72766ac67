//! The desa's articles (news, announcements, farming and fishing, UMKM, activities): written by
//! its staff in Markdown, shown on the desa's site and in its feed, and with every other desa's
//! on the regency's news page, which no separate install could offer.

mod api;
mod category;
mod feed;
mod input;
mod pages;
mod store;
mod view;

use serde::Deserialize;
use sid_core::pagination::PageParams;
use sid_core::{clock, AppState, Desa, Error, Result};

pub use api::{
    configure as configure_api, configure_regency as configure_regency_api, ArticlesDoc,
};
use category::Category;
pub use pages::{configure as configure_pages, configure_regency as configure_regency_pages};
use store::Readers;
pub(crate) use view::ArticleView;

/// The category to list, if one.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    #[param(value_type = Option<String>)]
    pub category: Option<Category>,
}

/// The regency's news: a category and a kecamatan (its Kemendagri code), each optional.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NewsQuery {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    #[param(value_type = Option<String>)]
    pub category: Option<Category>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub kecamatan: Option<String>,
}

/// One article of the desa by id or slug; one not shown to the public only for `staff`.
async fn load(state: &AppState, desa: Desa, key: String, staff: bool) -> Result<ArticleView> {
    let now = clock::now();
    let a = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            store::find(conn, tenant, &key)
        })
        .await?;
    if !staff && !a.shown_at(now) {
        return Err(Error::NotFound("Artikel".into()));
    }
    Ok(ArticleView::new(&state.public_url, &desa, a, now))
}

/// A page of the desa's articles shown now, with the total.
pub(crate) async fn shown(
    state: &AppState,
    desa: &Desa,
    category: Option<Category>,
    page: PageParams,
) -> Result<(Vec<ArticleView>, i64)> {
    let now = clock::now();
    let (rows, total) = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, Readers::Public(now), category, &page)
        })
        .await?;
    let base = &state.public_url;
    Ok((
        rows.into_iter()
            .map(|a| ArticleView::new(base, desa, a, now))
            .collect(),
        total,
    ))
}

/// A page of every active desa's articles shown now (of a kecamatan's desa if asked).
async fn across_desa(
    state: &AppState,
    q: &NewsQuery,
    page: &PageParams,
) -> Result<(Vec<ArticleView>, i64)> {
    let all = state.directory.all();
    if let Some(k) = &q.kecamatan {
        if !all.iter().any(|d| &d.kecamatan.code == k) {
            return Err(Error::invalid(
                "kecamatan",
                "kecamatan tidak dikenal; pakai kode Kemendagri, mis. 36.04.05",
            ));
        }
    }
    let narrowed = q.kecamatan.is_some() || all.iter().any(|d| !d.active);
    let desa_ids = narrowed.then(|| {
        all.iter()
            .filter(|d| d.active && q.kecamatan.as_ref().is_none_or(|k| &d.kecamatan.code == k))
            .map(|d| d.tenant.as_str().to_string())
            .collect::<Vec<_>>()
    });
    let (category, page, now) = (q.category, *page, clock::now());
    let (rows, total) = state
        .db
        .global_read(move |conn| store::across_desa(conn, now, category, desa_ids, &page))
        .await?;
    let base = &state.public_url;
    let items = rows
        .into_iter()
        .filter_map(|a| {
            let desa = state.directory.find(&a.desa_id)?;
            Some(ArticleView::new(base, &desa, a, now))
        })
        .collect();
    Ok((items, total))
}
