//! The regency's dashboard figures: every desa's population, letters, website, catalogue and
//! activity, read from the counts each domain crate keeps and exports (never by scanning the
//! residents), with the flags that need Diskominfo's attention and the regency's totals.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;
use sid_admin::Site;
use sid_catalog::DesaCatalog;
use sid_core::tenant::Kecamatan;
use sid_core::{clock, AppState, Result};
use sid_letters::Letters;
use sid_population::Population;

use crate::store;

#[derive(Serialize, utoipa::ToSchema)]
pub struct SummaryRow {
    pub code: String,
    pub name: String,
    pub slug: String,
    pub kecamatan: Kecamatan,
    pub active: bool,
    /// Active accounts of desa staff.
    pub staff_accounts: i64,
    /// When the desa's audit log last recorded something (UTC): its staff's last activity.
    pub last_activity: Option<NaiveDateTime>,
    /// Its products and sellers (UMKM).
    pub catalog: DesaCatalog,
    pub population: Population,
    pub letters: Letters,
    pub site: Site,
    /// What needs the regency's attention: `tanpa_aktivitas` (no staff activity for 30 days),
    /// `permohonan_terlambat` (a request waiting for staff more than 3 working days).
    pub flags: Vec<&'static str>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Summary {
    pub desa_total: usize,
    pub desa_active: usize,
    pub kecamatan_total: usize,
    pub staff_accounts: i64,
    /// Products of every desa, and those in the e-mall now.
    pub products: i64,
    pub products_listed: i64,
    pub sellers: i64,
    /// The living, and family cards with a living member.
    pub residents: i64,
    pub families: i64,
    /// Letter requests waiting for desa staff, and letters signed this month.
    pub letters_waiting: i64,
    pub letters_signed_this_month: i64,
    /// Articles shown now; projects and their budgets in rupiah.
    pub articles: i64,
    pub projects: i64,
    pub project_budget: i64,
    pub desa: Vec<SummaryRow>,
}

/// The figures of every desa and their totals, read now.
pub async fn summary(state: &AppState) -> Result<Summary> {
    let now = clock::now();
    let since = now - Duration::days(30);
    let today = clock::today();
    let month_start = clock::start_of(today.with_day(1).unwrap_or(today));
    let desa_ids: Vec<String> = state
        .directory
        .all()
        .iter()
        .map(|d| d.tenant.as_str().to_string())
        .collect();
    let (staff, activity, mut catalog, mut population, mut letters, mut site) = state
        .db
        .regency_read(move |conn| {
            Ok((
                store::staff_counts(conn)?,
                store::last_activity(conn)?,
                sid_catalog::figures(conn)?,
                sid_population::regency_figures(conn, &desa_ids)?,
                sid_letters::regency_figures(conn, month_start)?,
                sid_admin::regency_figures(conn, now)?,
            ))
        })
        .await?;
    let all = state.directory.all();
    let rows: Vec<SummaryRow> = all
        .iter()
        .map(|d| {
            let id = d.tenant.as_str();
            let last_activity = activity.get(id).copied();
            let letters = letters.remove(id).unwrap_or_default();
            let late = letters
                .oldest_waiting_since
                .is_some_and(|at| working_days(clock::local_date(at), today) > LATE_AFTER);
            let flags = [
                (
                    d.active && last_activity.is_none_or(|at| at < since),
                    "tanpa_aktivitas",
                ),
                (late, "permohonan_terlambat"),
            ]
            .into_iter()
            .filter_map(|(on, flag)| on.then_some(flag))
            .collect();
            SummaryRow {
                code: d.code.clone(),
                name: d.name.clone(),
                slug: d.slug.clone(),
                kecamatan: d.kecamatan.clone(),
                active: d.active,
                staff_accounts: staff.get(id).copied().unwrap_or(0),
                last_activity,
                catalog: catalog.remove(id).unwrap_or_default(),
                population: population.remove(id).unwrap_or_default(),
                letters,
                site: site.remove(id).unwrap_or_default(),
                flags,
            }
        })
        .collect();
    let kecamatan: std::collections::HashSet<&str> =
        all.iter().map(|d| d.kecamatan.code.as_str()).collect();
    let sum = |f: fn(&SummaryRow) -> i64| rows.iter().map(f).sum::<i64>();
    Ok(Summary {
        desa_total: rows.len(),
        desa_active: rows.iter().filter(|r| r.active).count(),
        kecamatan_total: kecamatan.len(),
        staff_accounts: sum(|r| r.staff_accounts),
        products: sum(|r| r.catalog.products),
        products_listed: sum(|r| r.catalog.listed),
        sellers: sum(|r| r.catalog.sellers),
        residents: sum(|r| r.population.residents),
        families: sum(|r| r.population.families),
        letters_waiting: sum(|r| r.letters.waiting),
        letters_signed_this_month: sum(|r| r.letters.signed_this_month),
        articles: sum(|r| r.site.articles),
        projects: sum(|r| r.site.projects),
        project_budget: sum(|r| r.site.budget),
        desa: rows,
    })
}

/// A request waiting longer than this many working days is late.
const LATE_AFTER: i64 = 3;

/// Working days (Monday to Friday) after `from` up to and including `to`.
fn working_days(from: NaiveDate, to: NaiveDate) -> i64 {
    from.iter_days()
        .skip(1)
        .take_while(|d| *d <= to)
        .filter(|d| d.weekday().number_from_monday() <= 5)
        .count() as i64
}
