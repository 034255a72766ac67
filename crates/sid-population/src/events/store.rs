use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::schema::{population_events, residents};
use sid_core::{ids, Result, TenantId};

/// One line of the mutation book.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = population_events)]
pub struct Event {
    pub id: String,
    pub resident_id: String,
    /// birth, death, move_out, move_in, missing.
    pub kind: String,
    pub event_date: NaiveDate,
    pub reported_on: NaiveDate,
    /// The event's particulars (cause of death, destination, origin, ...) as JSON.
    pub detail: String,
    pub recorded_by: String,
    pub created_at: NaiveDateTime,
}

pub struct NewEvent<'a> {
    pub resident_id: &'a str,
    pub kind: &'a str,
    pub event_date: NaiveDate,
    pub reported_on: NaiveDate,
    pub detail: String,
    pub recorded_by: &'a str,
}

pub fn record(
    conn: &mut DbConn,
    tenant: &TenantId,
    e: &NewEvent,
    now: NaiveDateTime,
) -> Result<String> {
    let id = ids::new_id();
    diesel::insert_into(population_events::table)
        .values((
            population_events::desa_id.eq(tenant.as_str()),
            population_events::id.eq(&id),
            population_events::resident_id.eq(e.resident_id),
            population_events::kind.eq(e.kind),
            population_events::event_date.eq(e.event_date),
            population_events::reported_on.eq(e.reported_on),
            population_events::detail.eq(&e.detail),
            population_events::recorded_by.eq(e.recorded_by),
            population_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Every event of one resident, oldest first (carried along when the resident moves within
/// the regency).
pub fn history(conn: &mut DbConn, tenant: &TenantId, resident_id: &str) -> Result<Vec<Event>> {
    Ok(population_events::table
        .filter(population_events::desa_id.eq(tenant.as_str()))
        .filter(population_events::resident_id.eq(resident_id))
        .select(Event::as_select())
        .order((population_events::event_date, population_events::id))
        .load(conn)?)
}

/// A line of the book with the resident's name and NIK.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BookLine {
    #[serde(flatten)]
    pub event: Event,
    pub nik: String,
    pub name: String,
}

/// One page of the mutation book, newest event first; optionally one month and one kind.
pub fn book(
    conn: &mut DbConn,
    tenant: &TenantId,
    month: Option<(NaiveDate, NaiveDate)>,
    kind: Option<&str>,
    page: &PageParams,
) -> Result<(Vec<BookLine>, i64)> {
    let mut query = population_events::table
        .inner_join(
            residents::table.on(residents::desa_id
                .eq(population_events::desa_id)
                .and(residents::id.eq(population_events::resident_id))),
        )
        .filter(population_events::desa_id.eq(tenant.as_str()))
        .select((
            Event::as_select(),
            residents::nik,
            residents::name,
            sid_core::pagination::CountOver,
        ))
        .into_boxed();
    if let Some((from, until)) = month {
        query = query
            .filter(population_events::event_date.ge(from))
            .filter(population_events::event_date.lt(until));
    }
    if let Some(kind) = kind {
        query = query.filter(population_events::kind.eq(kind.to_string()));
    }
    let rows: Vec<(Event, String, String, i64)> = query
        .order((
            population_events::event_date.desc(),
            population_events::id.desc(),
        ))
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    let total = rows.first().map_or(0, |r| r.3);
    Ok((
        rows.into_iter()
            .map(|(event, nik, name, _)| BookLine { event, nik, name })
            .collect(),
        total,
    ))
}
