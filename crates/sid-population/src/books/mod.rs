//! Buku Rekapitulasi Jumlah Penduduk (Permendagri 47/2016): for one month, the population at
//! its start and end and the changes in between, by sex. The Buku Mutasi is the events list
//! (`GET …/events?month=`) and the Buku Induk the resident export (`status=0`).
//!
//! A resident counts from their arrival — the date of their birth or move-in event, or else the
//! day (WIB) the desa recorded them — until the date their status changed; one who left
//! without a recorded date does not count.

mod api;
mod pages;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::clock::{self, month_range};
use sid_core::db::DbConn;
use sid_core::schema::{population_events, residents};
use sid_core::{Result, TenantId};

use crate::codes::status;
use crate::statistics;

pub use api::{configure, BooksDoc};
pub use pages::configure as configure_pages;

#[derive(Debug, Default, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct BySex {
    pub male: i64,
    pub female: i64,
}

impl BySex {
    fn add(&mut self, sex: i32, n: i64) {
        if sex == 1 {
            self.male += n;
        } else {
            self.female += n;
        }
    }
}

/// One month of the book.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Recap {
    /// `YYYY-MM`.
    pub month: String,
    pub start: BySex,
    pub births: BySex,
    pub deaths: BySex,
    pub moves_in: BySex,
    pub moves_out: BySex,
    pub missing: BySex,
    pub end: BySex,
}

/// Living residents at the start of `day` (the first of a month), by sex, at a cost that does
/// not grow with the desa: the living now and those recorded since, from the kept figures;
/// then the few whose arrival came before their record (a birth or a move-in reported late)
/// and those who left since.
fn living_at(conn: &mut DbConn, tenant: &TenantId, day: NaiveDate) -> Result<BySex> {
    let mut by = BySex::default();
    for (_, sex, n) in statistics::figures(conn, tenant, "status", Some(&[status::HIDUP]))? {
        by.add(sex, n);
    }
    let month = day.year() * 100 + day.month() as i32;
    for (recorded, sex, n) in statistics::figures(conn, tenant, "dicatat_hidup", None)? {
        if recorded >= month {
            by.add(sex, -n);
        }
    }
    let since = clock::start_of(day);
    let arrived_before: Vec<i32> = population_events::table
        .inner_join(
            residents::table.on(residents::desa_id
                .eq(population_events::desa_id)
                .and(residents::id.eq(population_events::resident_id))),
        )
        .filter(population_events::desa_id.eq(tenant.as_str()))
        .filter(population_events::kind.eq_any(["birth", "move_in"]))
        .filter(population_events::event_date.lt(day))
        .filter(residents::created_at.ge(since))
        .filter(residents::status.eq(status::HIDUP))
        .select(residents::sex)
        .load(conn)?;
    for sex in arrived_before {
        by.add(sex, 1);
    }
    let left: Vec<(String, i32, NaiveDateTime)> = residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::status.ne(status::HIDUP))
        .filter(residents::status_changed_on.ge(day))
        .select((residents::id, residents::sex, residents::created_at))
        .load(conn)?;
    let ids: Vec<&str> = left.iter().map(|(id, _, _)| id.as_str()).collect();
    let arrivals: HashMap<String, NaiveDate> = population_events::table
        .filter(population_events::desa_id.eq(tenant.as_str()))
        .filter(population_events::kind.eq_any(["birth", "move_in"]))
        .filter(population_events::resident_id.eq_any(&ids))
        .select((
            population_events::resident_id,
            population_events::event_date,
        ))
        .load::<(String, NaiveDate)>(conn)?
        .into_iter()
        .collect();
    for (id, sex, created) in &left {
        let arrived = arrivals
            .get(id)
            .copied()
            .unwrap_or_else(|| clock::local_date(*created));
        if arrived < day {
            by.add(*sex, 1);
        }
    }
    Ok(by)
}

pub fn compute(conn: &mut DbConn, tenant: &TenantId, month: &str) -> Result<Recap> {
    let (from, until) = month_range(month)?;
    let changes: Vec<(String, i32, i64)> = population_events::table
        .inner_join(
            residents::table.on(residents::desa_id
                .eq(population_events::desa_id)
                .and(residents::id.eq(population_events::resident_id))),
        )
        .filter(population_events::desa_id.eq(tenant.as_str()))
        .filter(population_events::event_date.ge(from))
        .filter(population_events::event_date.lt(until))
        .group_by((population_events::kind, residents::sex))
        .select((population_events::kind, residents::sex, count_star()))
        .load(conn)?;
    let mut recap = Recap {
        month: month.to_string(),
        start: living_at(conn, tenant, from)?,
        births: BySex::default(),
        deaths: BySex::default(),
        moves_in: BySex::default(),
        moves_out: BySex::default(),
        missing: BySex::default(),
        end: living_at(conn, tenant, until)?,
    };
    for (kind, sex, n) in changes {
        let slot = match kind.as_str() {
            "birth" => &mut recap.births,
            "death" => &mut recap.deaths,
            "move_in" => &mut recap.moves_in,
            "move_out" => &mut recap.moves_out,
            _ => &mut recap.missing,
        };
        slot.add(sex, n);
    }
    Ok(recap)
}
