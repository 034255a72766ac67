//! Population statistics of one desa: public, aggregate only, no personal data.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::schema::{families, resident_figures};
use sid_core::{Result, TenantId};

use crate::codes::{self, status};

mod api;
pub mod chart;
mod pages;

pub use api::{configure, StatisticsDoc};
pub use pages::configure as configure_pages;

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
    let mut query = resident_figures::table
        .filter(resident_figures::desa_id.eq(tenant.as_str()))
        .filter(resident_figures::dimension.eq(dimension))
        .filter(resident_figures::n.ne(0))
        .select((
            resident_figures::code,
            resident_figures::sex,
            resident_figures::n,
        ))
        .into_boxed();
    if let Some(codes) = codes {
        query = query.filter(resident_figures::code.eq_any(codes.to_vec()));
    }
    Ok(query.load(conn)?)
}

/// Counts per code, both sexes together, by code.
fn by_code(rows: Vec<(i32, i32, i64)>) -> Vec<(i32, i64)> {
    let mut counts: BTreeMap<i32, i64> = BTreeMap::new();
    for (code, _, n) in rows {
        *counts.entry(code).or_default() += n;
    }
    counts.into_iter().collect()
}

fn age_group(age: i32) -> i32 {
    (age.max(0) / 5).min(AGE_GROUPS - 1)
}

/// The age pyramid on `today` from the figures by year of birth. One born in year Y is
/// `today.year - Y` or a year less; both ages fall in one group except in the fifteen years
/// whose age is a multiple of five, read by month, and their month of `today` by day.
fn pyramid(
    conn: &mut DbConn,
    tenant: &TenantId,
    today: NaiveDate,
) -> Result<BTreeMap<i32, (i64, i64)>> {
    let mut pyramid: BTreeMap<i32, (i64, i64)> = (0..AGE_GROUPS).map(|g| (g, (0, 0))).collect();
    let mut add = |age: i32, sex: i32, n: i64| {
        let slot = pyramid.entry(age_group(age)).or_default();
        if sex == 1 {
            slot.0 += n;
        } else {
            slot.1 += n;
        }
    };
    let (year, month, day) = (today.year(), today.month() as i32, today.day() as i32);
    let edge = |born: i32| age_group(year - born) != age_group(year - born - 1);
    let edges: Vec<i32> = (1..AGE_GROUPS)
        .map(|g| year - 5 * g)
        .filter(|y| edge(*y))
        .collect();
    for (born, sex, n) in figures(conn, tenant, "tahun", None)? {
        if !edge(born) {
            add(year - born, sex, n);
        }
    }
    let months: Vec<i32> = edges
        .iter()
        .flat_map(|y| (1..=12).map(move |m| y * 100 + m))
        .collect();
    for (code, sex, n) in figures(conn, tenant, "lahir", Some(&months))? {
        let (born, born_month) = (code / 100, code % 100);
        add(year - born - i32::from(born_month > month), sex, n);
    }
    // Born later in this month than today: a year younger than their month says.
    let days: Vec<i32> = edges
        .iter()
        .flat_map(|y| (day + 1..=31).map(move |d| month * 1_000_000 + d * 10_000 + y))
        .collect();
    for (code, sex, n) in figures(conn, tenant, "lahir_hari", Some(&days))? {
        let born = code % 10_000;
        add(year - born, sex, -n);
        add(year - born - 1, sex, n);
    }
    Ok(pyramid)
}

/// The statistics of the living, from the figures the database keeps with every write: the
/// cost does not grow with the desa.
pub fn compute(
    conn: &mut DbConn,
    tenant: &TenantId,
    desa: &str,
    today: NaiveDate,
) -> Result<Statistics> {
    let (mut male, mut female) = (0, 0);
    for (code, sex, n) in figures(conn, tenant, "status", None)? {
        if code == status::HIDUP {
            if sex == 1 {
                male += n;
            } else {
                female += n;
            }
        }
    }
    let families: i64 = families::table
        .filter(families::desa_id.eq(tenant.as_str()))
        .filter(families::active.eq(true))
        .count()
        .get_result(conn)?;
    let mut by = |dimension: &str, list: &str| -> Result<Vec<Count>> {
        Ok(named(
            list,
            by_code(figures(conn, tenant, dimension, None)?),
        ))
    };
    let religion = by("agama", "agama")?;
    let education = by("pendidikan", "pendidikan_kk")?;
    let occupation = by("pekerjaan", "pekerjaan")?;
    let marital_status = by("perkawinan", "status_perkawinan")?;
    Ok(Statistics {
        desa: desa.to_string(),
        total: male + female,
        male,
        female,
        families,
        age_groups: pyramid(conn, tenant, today)?
            .into_iter()
            .map(|(g, (male, female))| AgeGroup {
                label: age_label(g),
                male,
                female,
            })
            .collect(),
        religion,
        education,
        occupation,
        marital_status,
    })
}
