//! Counts by age band on a given day, from the figures by year, month and day of birth: the
//! cost does not grow with the desa. One born in year Y is `today.year - Y` or a year less;
//! both ages fall in one band except in the years whose age is a band's lower bound, read by
//! month, and their month of `today` by day.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use sid_core::db::DbConn;
use sid_core::{Result, TenantId};

use super::source::{tally, Source};

/// The band of `age` among bands starting at `bounds` (ascending, the first 0).
fn band(bounds: &[i32], age: i32) -> usize {
    bounds
        .iter()
        .filter(|b| **b <= age.max(0))
        .count()
        .saturating_sub(1)
}

/// `(male, female)` living in each band on `today`.
pub fn by_band(
    conn: &mut DbConn,
    tenant: &TenantId,
    src: &Source,
    today: NaiveDate,
    bounds: &[i32],
) -> Result<Vec<(i64, i64)>> {
    let mut counts: BTreeMap<usize, (i64, i64)> = (0..bounds.len()).map(|b| (b, (0, 0))).collect();
    let mut add = |age: i32, sex: i32, n: i64| {
        tally(counts.entry(band(bounds, age)).or_default(), sex, n);
    };
    let (year, month, day) = (today.year(), today.month() as i32, today.day() as i32);
    let edges: Vec<i32> = bounds.iter().skip(1).map(|b| year - b).collect();
    for (born, sex, n) in src.figures(conn, tenant, "tahun", None)? {
        if !edges.contains(&born) {
            add(year - born, sex, n);
        }
    }
    let months: Vec<i32> = edges
        .iter()
        .flat_map(|y| (1..=12).map(move |m| y * 100 + m))
        .collect();
    for (code, sex, n) in src.figures(conn, tenant, "lahir", Some(&months))? {
        let (born, born_month) = (code / 100, code % 100);
        add(year - born - i32::from(born_month > month), sex, n);
    }
    // Born later in this month than today: a year younger than their month says.
    let days: Vec<i32> = edges
        .iter()
        .flat_map(|y| (day + 1..=31).map(move |d| month * 1_000_000 + d * 10_000 + y))
        .collect();
    for (code, sex, n) in src.figures(conn, tenant, "lahir_hari", Some(&days))? {
        let born = code % 10_000;
        add(year - born, sex, -n);
        add(year - born - 1, sex, n);
    }
    Ok(counts.into_values().collect())
}
