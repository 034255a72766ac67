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

/// The projects of this year under way (for the desa's home, inside its transaction).
pub(crate) fn under_way_in(
    conn: &mut sid_core::db::DbConn,
    tenant: &sid_core::TenantId,
    base: &str,
    desa: &Desa,
) -> Result<Vec<ProjectView>> {
    let year = sid_core::clock::today().year();
    let (rows, _) = store::list(conn, tenant, Some(year), &PageParams::everything())?;
    Ok(rows
        .into_iter()
        .map(|p| ProjectView::new(base, desa, p, Vec::new()))
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

/// What synthetic projects build: name and implementer's place.
const SAMPLES: [&str; 5] = [
    "Rabat beton jalan lingkungan",
    "Saluran drainase",
    "Sumur bor air bersih",
    "Penerangan jalan tenaga surya",
    "Rehab gedung posyandu",
];

/// Records `count` projects of this year in the desa, each with one progress report, through
/// the store the API uses (the benchmark's and the demonstration desa's); none if it has some.
pub(crate) fn synthetic(
    conn: &mut sid_core::db::DbConn,
    tenant: &sid_core::TenantId,
    count: usize,
) -> Result<usize> {
    if store::count(conn, tenant)? > 0 {
        return Ok(0);
    }
    let now = sid_core::clock::now();
    let today = sid_core::clock::today();
    let start = chrono::NaiveDate::from_ymd_opt(today.year(), 1, 2).unwrap_or(today);
    let end = chrono::NaiveDate::from_ymd_opt(today.year(), 12, 20).unwrap_or(today);
    let funds = funding::Funding::ALL;
    for i in 0..count {
        let p = store::Project {
            desa_id: tenant.as_str().to_string(),
            id: sid_core::ids::new_id(),
            name: format!("{} RT {:02}", SAMPLES[i % SAMPLES.len()], i + 1),
            location: format!("RT {:02}", i + 1),
            latitude: None,
            longitude: None,
            funding: funds[i % funds.len()].code().to_string(),
            budget: 25_000_000 + (i as i64 % 9) * 20_000_000,
            implementer: "TPK Desa".to_string(),
            year: today.year(),
            start_on: start,
            end_on: end,
            progress: [0, 25, 60, 100][i % 4],
            created_at: now,
            updated_at: now,
        };
        store::insert(conn, &p)?;
        if p.progress > 0 {
            store::add_report(
                conn,
                &store::Report {
                    desa_id: p.desa_id.clone(),
                    id: sid_core::ids::new_id(),
                    project_id: p.id.clone(),
                    reported_on: today.min(end).max(start),
                    progress: p.progress,
                    note: "Laporan kemajuan pelaksana".to_string(),
                    photo_width: None,
                    photo_height: None,
                    created_at: now,
                },
            )?;
        }
    }
    Ok(count)
}

/// Every desa's projects and their budgets in rupiah, by desa id (a regency-wide read).
pub(crate) fn budgets_per_desa(
    conn: &mut sid_core::db::DbConn,
) -> Result<std::collections::HashMap<String, (i64, i64)>> {
    let mut out: std::collections::HashMap<String, (i64, i64)> = Default::default();
    for (desa, budget) in store::budgets(conn)? {
        let d = out.entry(desa).or_default();
        (d.0, d.1) = (d.0 + 1, d.1 + budget);
    }
    Ok(out)
}
