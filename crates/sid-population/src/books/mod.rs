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
use sid_core::schema::{population_events, resident_figures, residents};
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

/// Sex, arrival and (when no longer living) departure of the residents whose life in the desa
/// changed on or after `day`: those recorded since (an arrival is never after its record) and
/// those who left since. Few, except in the month of a desa's import.
fn changed_since(
    conn: &mut DbConn,
    tenant: &TenantId,
    day: NaiveDate,
) -> Result<Vec<(i32, NaiveDate, Option<NaiveDate>)>> {
    type Row = (String, i32, NaiveDateTime, i32, Option<NaiveDate>);
    let columns = (
        residents::id,
        residents::sex,
        residents::created_at,
        residents::status,
        residents::status_changed_on,
    );
    let mut rows: Vec<Row> = residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::created_at.ge(day.and_time(chrono::NaiveTime::MIN)))
        .select(columns)
        .load(conn)?;
    let left: Vec<Row> = residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::status_changed_on.ge(day))
        .filter(residents::status.ne(status::HIDUP))
        .filter(residents::created_at.lt(day.and_time(chrono::NaiveTime::MIN)))
        .select(columns)
        .load(conn)?;
    rows.extend(left);
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let mut arrivals: HashMap<String, NaiveDate> = HashMap::new();
    for chunk in ids.chunks(5_000) {
        arrivals.extend(
            population_events::table
                .filter(population_events::desa_id.eq(tenant.as_str()))
                .filter(population_events::kind.eq_any(["birth", "move_in"]))
                .filter(population_events::resident_id.eq_any(chunk))
                .select((
                    population_events::resident_id,
                    population_events::event_date,
                ))
                .load::<(String, NaiveDate)>(conn)?,
        );
    }
    Ok(rows
        .into_iter()
        .map(|(id, sex, created, state, changed)| {
            let arrived = arrivals.get(&id).copied().unwrap_or(created.date());
            // One who left without a recorded date left before any month shown.
            let departed = (state != status::HIDUP).then(|| changed.unwrap_or(NaiveDate::MIN));
            (sex, arrived, departed)
        })
        .collect())
}

/// Living residents at the start of `day`, by sex: the living now (from the kept figures),
/// less those who arrived since, plus those who left since and had arrived before.
fn living_at(conn: &mut DbConn, tenant: &TenantId, day: NaiveDate) -> Result<BySex> {
    let mut by = BySex::default();
    for (sex, n) in resident_figures::table
        .filter(resident_figures::desa_id.eq(tenant.as_str()))
        .filter(resident_figures::dimension.eq("status"))
        .filter(resident_figures::code.eq(status::HIDUP))
        .select((resident_figures::sex, resident_figures::n))
        .load::<(i32, i64)>(conn)?
    {
        by.add(sex, n);
    }
    for (sex, arrived, departed) in changed_since(conn, tenant, day)? {
        match departed {
            None if arrived >= day => by.add(sex, -1),
            Some(left) if left >= day && arrived < day => by.add(sex, 1),
            _ => {}
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
