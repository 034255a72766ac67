//! The desa's development projects (pembangunan): what it builds with public money, where, from
//! which fund, by whom and how far along, with dated photos; a public transparency list with the
//! sums of every year and fund.

mod api;
mod funding;
mod input;
mod pages;
mod store;
mod view;

use chrono::Datelike;
use serde::Deserialize;
use sid_core::pagination::PageParams;
use sid_core::{AppState, Desa, Result};

pub use api::{configure as configure_api, ProjectsDoc};
pub use pages::configure as configure_pages;
pub(crate) use view::ProjectView;
use view::Transparency;

/// The fiscal year to list, if one.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    pub year: Option<i32>,
}

/// A page of the desa's projects with the sums of every year and fund.
async fn transparency(
    state: &AppState,
    desa: &Desa,
    year: Option<i32>,
    page: PageParams,
) -> Result<Transparency> {
    let ((rows, total), sums) = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            Ok((
                store::list(conn, tenant, year, &page)?,
                store::sums(conn, tenant)?,
            ))
        })
        .await?;
    let base = &state.public_url;
    let items = rows
        .into_iter()
        .map(|p| ProjectView::new(base, desa, p, Vec::new()))
        .collect();
    let wrapped = page.wrap(items, total);
    Ok(Transparency {
        items: wrapped.items,
        page: wrapped.page,
        per_page: wrapped.per_page,
        total,
        sums: view::sums(sums),
    })
}

/// The projects of this year under way (for the desa's home).
pub(crate) async fn under_way(state: &AppState, desa: &Desa) -> Result<Vec<ProjectView>> {
    let year = sid_core::clock::today().year();
    let all = transparency(state, desa, Some(year), PageParams::everything()).await?;
    Ok(all
        .items
        .into_iter()
        .filter(|p| p.status == "berjalan")
        .collect())
}

/// One project with its reports.
async fn load(state: &AppState, desa: &Desa, id: String) -> Result<ProjectView> {
    let (p, reports) = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            let p = store::find(conn, tenant, &id)?;
            let reports = store::reports(conn, tenant, &p.id)?;
            Ok((p, reports))
        })
        .await?;
    Ok(ProjectView::new(&state.public_url, desa, p, reports))
}
