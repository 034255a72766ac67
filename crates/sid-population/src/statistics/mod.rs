//! Population statistics of one desa: public, aggregate only, no personal data.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::schema::{families, residents};
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

fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0)
}

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

/// Counts living residents by one column.
macro_rules! by {
    ($conn:expr, $tenant:expr, $column:expr) => {
        residents::table
            .filter(residents::desa_id.eq($tenant.as_str()))
            .filter(residents::status.eq(status::HIDUP))
            .group_by($column)
            .select(($column, count_star()))
            .order($column)
            .load::<(i32, i64)>($conn)?
    };
}

pub fn compute(
    conn: &mut DbConn,
    tenant: &TenantId,
    desa: &str,
    today: NaiveDate,
) -> Result<Statistics> {
    let births: Vec<(NaiveDate, i32)> = residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::status.eq(status::HIDUP))
        .select((residents::birth_date, residents::sex))
        .load(conn)?;
    let mut pyramid: BTreeMap<i32, (i64, i64)> = (0..AGE_GROUPS).map(|g| (g, (0, 0))).collect();
    let (mut male, mut female) = (0, 0);
    for (birth, sex) in &births {
        let group = (age_on(*birth, today) / 5).min(AGE_GROUPS - 1);
        let slot = pyramid.entry(group).or_default();
        if *sex == 1 {
            slot.0 += 1;
            male += 1;
        } else {
            slot.1 += 1;
            female += 1;
        }
    }
    let families: i64 = families::table
        .filter(families::desa_id.eq(tenant.as_str()))
        .filter(families::active.eq(true))
        .count()
        .get_result(conn)?;
    Ok(Statistics {
        desa: desa.to_string(),
        total: births.len() as i64,
        male,
        female,
        families,
        age_groups: pyramid
            .into_iter()
            .map(|(g, (male, female))| AgeGroup {
                label: age_label(g),
                male,
                female,
            })
            .collect(),
        religion: named("agama", by!(conn, tenant, residents::religion)),
        education: named("pendidikan_kk", by!(conn, tenant, residents::education)),
        occupation: named("pekerjaan", by!(conn, tenant, residents::occupation)),
        marital_status: named(
            "status_perkawinan",
            by!(conn, tenant, residents::marital_status),
        ),
    })
}
