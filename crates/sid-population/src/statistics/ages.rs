//! Ages on a given day, from the figures by year, month and day of birth: the cost does not
//! grow with the desa. One born in year Y is `today.year - Y` or a year less; both ages fall
//! in one band except in the years whose age is a band's lower bound, read by month, and their
//! month of `today` by day. The bounds of every band set a page shows are read together.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use sid_core::db::DbConn;
use sid_core::{Result, TenantId};

use super::source::{tally, Source};

/// The living by age, exact where a band begins: `(age, sex, n)`.
pub struct Ages {
    /// The band bounds whose years were read exactly.
    bounds: BTreeSet<i32>,
    people: Vec<(i32, i32, i64)>,
}

impl Ages {
    /// The ages of the living of `src` on `today`, exact at every bound of `band_sets`.
    pub fn load(
        conn: &mut DbConn,
        tenant: &TenantId,
        src: &Source,
        today: NaiveDate,
        band_sets: &[&[i32]],
    ) -> Result<Ages> {
        let bounds: BTreeSet<i32> = band_sets.iter().flat_map(|s| s.iter().copied()).collect();
        let (year, month, day) = (today.year(), today.month() as i32, today.day() as i32);
        let edges: Vec<i32> = bounds
            .iter()
            .filter(|b| **b > 0)
            .map(|b| year - b)
            .collect();
        let mut people = Vec::new();
        for (born, sex, n) in src.figures(conn, tenant, "tahun", None)? {
            if !edges.contains(&born) {
                people.push((year - born, sex, n));
            }
        }
        let months: Vec<i32> = edges
            .iter()
            .flat_map(|y| (1..=12).map(move |m| y * 100 + m))
            .collect();
        for (code, sex, n) in src.figures(conn, tenant, "lahir", Some(&months))? {
            let (born, born_month) = (code / 100, code % 100);
            people.push((year - born - i32::from(born_month > month), sex, n));
        }
        // Born later in this month than today: a year younger than their month says.
        let days: Vec<i32> = edges
            .iter()
            .flat_map(|y| (day + 1..=31).map(move |d| month * 1_000_000 + d * 10_000 + y))
            .collect();
        for (code, sex, n) in src.figures(conn, tenant, "lahir_hari", Some(&days))? {
            let born = code % 10_000;
            people.push((year - born, sex, -n));
            people.push((year - born - 1, sex, n));
        }
        Ok(Ages { bounds, people })
    }

    /// `(male, female)` in each band starting at `bounds` (ascending, the first 0), which must
    /// be among those loaded.
    pub fn by_band(&self, bounds: &[i32]) -> Vec<(i64, i64)> {
        debug_assert!(bounds.iter().all(|b| self.bounds.contains(b)));
        let mut counts = vec![(0, 0); bounds.len()];
        for (age, sex, n) in &self.people {
            let band = bounds
                .iter()
                .filter(|b| **b <= (*age).max(0))
                .count()
                .saturating_sub(1);
            tally(&mut counts[band], *sex, *n);
        }
        counts
    }
}
