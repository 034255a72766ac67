//! Population statistics of one desa: public, aggregate only, no personal data; for the whole
//! desa or one dusun, both sexes or one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::schema::{areas, families};
use sid_core::{AppState, Desa, Error, Result, TenantId};

use crate::codes::{self, status};

mod ages;
mod api;
mod breakdowns;
pub mod chart;
mod pages;
mod source;

use ages::Ages;
pub use api::{configure, StatisticsDoc};
pub use breakdowns::{Breakdown, Row};
pub use pages::configure as configure_pages;
use source::Source;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgeGroup {
    /// `0-4`, `5-9`, ..., `75+`.
    pub label: String,
    pub male: i64,
    pub female: i64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Count {
    pub code: i32,
    pub name: String,
    pub count: i64,
}

/// Living residents of the desa, counted.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Statistics {
    pub desa: String,
    pub filter: Filter,
    pub total: i64,
    pub male: i64,
    pub female: i64,
    pub families: i64,
    /// The population pyramid, youngest first.
    pub age_groups: Vec<AgeGroup>,
    pub religion: Vec<Count>,
    pub education: Vec<Count>,
    pub occupation: Vec<Count>,
    pub marital_status: Vec<Count>,
    /// Every table secretaries are asked for, with the same filter.
    pub breakdowns: Vec<Breakdown>,
}

const AGE_GROUPS: i32 = 16;

fn age_label(group: i32) -> String {
    if group == AGE_GROUPS - 1 {
        format!("{}+", group * 5)
    } else {
        format!("{}-{}", group * 5, group * 5 + 4)
    }
}

fn named(list: &str, rows: Vec<(i32, i64)>) -> Vec<Count> {
    rows.into_iter()
        .map(|(code, count)| Count {
            code,
            name: codes::name(list, code)
                .unwrap_or("TIDAK DIKETAHUI")
                .to_string(),
            count,
        })
        .collect()
}

/// The desa's kept figures of one dimension, of every code or of the codes given: `(code,
/// sex, n)`, zeros left out.
pub(crate) fn figures(
    conn: &mut DbConn,
    tenant: &TenantId,
    dimension: &str,
    codes: Option<&[i32]>,
) -> Result<Vec<(i32, i32, i64)>> {
    Source::desa().figures(conn, tenant, dimension, codes)
}

/// Counts per code, both sexes together, by code.
fn by_code(rows: Vec<(i32, i32, i64)>) -> Vec<(i32, i64)> {
    let mut counts: BTreeMap<i32, i64> = BTreeMap::new();
    for (code, _, n) in rows {
        *counts.entry(code).or_default() += n;
    }
    counts.into_iter().collect()
}

/// What the reader narrowed the statistics to.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Filter {
    pub dusun: Option<String>,
    /// 1 laki-laki, 2 perempuan.
    pub sex: Option<i32>,
}

impl Filter {
    /// The figures to read: a dusun must be one of the desa's, a sex 1 or 2.
    fn source(&self, conn: &mut DbConn, tenant: &TenantId) -> Result<Source> {
        if let Some(s) = self.sex {
            if !matches!(s, 1 | 2) {
                return Err(Error::invalid("sex", "pilihan: 1 laki-laki, 2 perempuan"));
            }
        }
        let areas = match &self.dusun {
            None => None,
            Some(dusun) => {
                let ids: Vec<String> = areas::table
                    .filter(areas::desa_id.eq(tenant.as_str()))
                    .filter(areas::dusun.eq(dusun))
                    .select(areas::id)
                    .load(conn)?;
                if ids.is_empty() {
                    let known = dusun_names(conn, tenant)?;
                    return Err(Error::invalid(
                        "dusun",
                        if known.is_empty() {
                            "desa ini belum mencatat dusun".to_string()
                        } else {
                            format!("tidak dikenal; pilihan: {}", known.join(", "))
                        },
                    ));
                }
                Some(ids)
            }
        };
        Ok(Source::new(areas, self.sex))
    }
}

/// The desa's dusun, by name.
pub fn dusun_names(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<String>> {
    Ok(areas::table
        .filter(areas::desa_id.eq(tenant.as_str()))
        .select(areas::dusun)
        .distinct()
        .order(areas::dusun)
        .load(conn)?)
}

/// The statistics of the whole desa or the filter's part of it.
pub(crate) async fn load(state: &AppState, desa: &Desa, filter: Filter) -> Result<Statistics> {
    let name = desa.name.clone();
    state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            compute(conn, tenant, &name, sid_core::clock::today(), &filter)
        })
        .await
}

/// The pyramid's bands: every five years, the last from 75.
const PYRAMID: [i32; AGE_GROUPS as usize] = {
    let mut bounds = [0; AGE_GROUPS as usize];
    let mut i = 0;
    while i < AGE_GROUPS as usize {
        bounds[i] = 5 * i as i32;
        i += 1;
    }
    bounds
};

/// The statistics of the living, from the figures the database keeps with every write: the
/// cost does not grow with the desa.
pub fn compute(
    conn: &mut DbConn,
    tenant: &TenantId,
    desa: &str,
    today: NaiveDate,
    filter: &Filter,
) -> Result<Statistics> {
    let src = filter.source(conn, tenant)?;
    let living = match &src.areas {
        None => src.figures(conn, tenant, "status", Some(&[status::HIDUP]))?,
        Some(_) => src.figures(conn, tenant, "hidup", None)?,
    };
    let mut both = (0, 0);
    for (_, sex, n) in living {
        source::tally(&mut both, sex, n);
    }
    let (male, female) = both;
    let mut cards = families::table
        .filter(families::desa_id.eq(tenant.as_str()))
        .filter(families::active.eq(true))
        .into_boxed();
    if let Some(areas) = &src.areas {
        cards = cards.filter(families::area_id.eq_any(areas.clone()));
    }
    let families: i64 = cards.count().get_result(conn)?;
    let mut by = |dimension: &str, list: &str| -> Result<Vec<Count>> {
        Ok(named(
            list,
            by_code(src.figures(conn, tenant, dimension, None)?),
        ))
    };
    let religion = by("agama", "agama")?;
    let education = by("pendidikan", "pendidikan_kk")?;
    let occupation = by("pekerjaan", "pekerjaan")?;
    let marital_status = by("perkawinan", "status_perkawinan")?;
    let mut band_sets = breakdowns::AGE_BANDS.to_vec();
    band_sets.push(&PYRAMID);
    let ages = Ages::load(conn, tenant, &src, today, &band_sets)?;
    Ok(Statistics {
        desa: desa.to_string(),
        filter: filter.clone(),
        total: male + female,
        male,
        female,
        families,
        age_groups: ages
            .by_band(&PYRAMID)
            .into_iter()
            .enumerate()
            .map(|(g, (male, female))| AgeGroup {
                label: age_label(g as i32),
                male,
                female,
            })
            .collect(),
        religion,
        education,
        occupation,
        marital_status,
        breakdowns: breakdowns::all(conn, tenant, &src, &ages, (male, female))?,
    })
}
