//! Buku Rekapitulasi Jumlah Penduduk (Permendagri 47/2016): for one month, the population at
//! its start and end and the changes in between, by sex. The Buku Mutasi is the events list
//! (`GET …/events?month=`) and the Buku Induk the resident export (`status=0`).
//!
//! A resident counts from their arrival — the date of their birth or move-in event, or else the
//! day the desa recorded them — until the date their status changed, so that each month's
//! start plus its arrivals minus its departures is its end.

mod api;
mod pages;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::clock::month_range;
use sid_core::db::DbConn;
use sid_core::schema::{population_events, residents};
use sid_core::{Result, TenantId};

use crate::codes::status;

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

/// Each resident's sex, arrival and (when no longer living) departure.
fn lifespans(
    conn: &mut DbConn,
    tenant: &TenantId,
) -> Result<Vec<(i32, NaiveDate, Option<NaiveDate>)>> {
    let arrivals: HashMap<String, NaiveDate> = population_events::table
        .filter(population_events::desa_id.eq(tenant.as_str()))
        .filter(population_events::kind.eq_any(["birth", "move_in"]))
        .select((
            population_events::resident_id,
            population_events::event_date,
        ))
        .load::<(String, NaiveDate)>(conn)?
        .into_iter()
        .collect();
    let rows: Vec<(String, i32, NaiveDateTime, i32, Option<NaiveDate>)> = residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .select((
            residents::id,
            residents::sex,
            residents::created_at,
            residents::status,
            residents::status_changed_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, sex, created, state, changed)| {
            let arrived = arrivals.get(&id).copied().unwrap_or(created.date());
            let departed = if state == status::HIDUP {
                None
            } else {
                changed
            };
            (sex, arrived, departed)
        })
        .collect())
}

/// Living residents at the start of `day`, by sex.
fn living_at(lives: &[(i32, NaiveDate, Option<NaiveDate>)], day: NaiveDate) -> BySex {
    let mut by = BySex::default();
    for (sex, arrived, departed) in lives {
        if *arrived < day && departed.is_none_or(|d| d >= day) {
            by.add(*sex, 1);
        }
    }
    by
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
    let lives = lifespans(conn, tenant)?;
    let mut recap = Recap {
        month: month.to_string(),
        start: living_at(&lives, from),
        births: BySex::default(),
        deaths: BySex::default(),
        moves_in: BySex::default(),
        moves_out: BySex::default(),
        missing: BySex::default(),
        end: living_at(&lives, until),
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
