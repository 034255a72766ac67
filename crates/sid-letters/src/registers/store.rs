//! The register's rows.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::schema::letter_register;
use sid_core::{Error, Result, TenantId};

use super::direction::Direction;

/// One letter of the register.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = letter_register)]
pub struct Entry {
    pub id: String,
    pub sequence_year: i32,
    /// The agenda number of a received letter; the place in its sequence of a sent one.
    pub sequence_no: i32,
    /// The sender's number of a received letter; the desa's number of a sent one.
    pub number: String,
    /// The sender of a received letter; the recipient of a sent one.
    pub counterpart: String,
    pub dated: NaiveDate,
    pub received_on: Option<NaiveDate>,
    /// The classification code of a sent letter ([kode_surat] of its number).
    pub classification: Option<String>,
    pub subject: String,
    pub disposition: Option<String>,
    #[serde(skip)]
    pub scan_id: Option<String>,
    pub scan_type: Option<String>,
    pub scan_size: Option<i32>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub struct NewEntry<'a> {
    pub direction: Direction,
    pub scope: &'a str,
    pub year: i32,
    pub sequence_no: i32,
    pub number: &'a str,
    pub counterpart: &'a str,
    pub dated: NaiveDate,
    pub received_on: Option<NaiveDate>,
    pub classification: Option<&'a str>,
    pub subject: &'a str,
    pub disposition: Option<&'a str>,
}

pub fn insert(
    conn: &mut DbConn,
    tenant: &TenantId,
    new: &NewEntry,
    by: &str,
    now: NaiveDateTime,
) -> Result<String> {
    let id = sid_core::ids::new_id();
    diesel::insert_into(letter_register::table)
        .values((
            letter_register::desa_id.eq(tenant.as_str()),
            letter_register::id.eq(&id),
            letter_register::direction.eq(new.direction.as_str()),
            letter_register::sequence_scope.eq(new.scope),
            letter_register::sequence_year.eq(new.year),
            letter_register::sequence_no.eq(new.sequence_no),
            letter_register::number.eq(new.number),
            letter_register::counterpart.eq(new.counterpart),
            letter_register::dated.eq(new.dated),
            letter_register::received_on.eq(new.received_on),
            letter_register::classification.eq(new.classification),
            letter_register::subject.eq(new.subject),
            letter_register::disposition.eq(new.disposition),
            letter_register::created_by.eq(by),
            letter_register::created_at.eq(now),
            letter_register::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The letter of this register, or a 404 that does not say whether it exists elsewhere.
pub fn require(
    conn: &mut DbConn,
    tenant: &TenantId,
    direction: Direction,
    id: &str,
) -> Result<Entry> {
    letter_register::table
        .filter(letter_register::desa_id.eq(tenant.as_str()))
        .filter(letter_register::direction.eq(direction.as_str()))
        .filter(letter_register::id.eq(id))
        .select(Entry::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(match direction {
                Direction::Masuk => "Surat masuk".into(),
                Direction::Keluar => "Surat keluar".into(),
            })
        })
}

/// One page of a register's year, newest first.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    direction: Direction,
    year: i32,
    page: &PageParams,
) -> Result<(Vec<Entry>, i64)> {
    let query = || {
        letter_register::table
            .filter(letter_register::desa_id.eq(tenant.as_str()))
            .filter(letter_register::direction.eq(direction.as_str()))
            .filter(letter_register::sequence_year.eq(year))
    };
    let total = query().count().get_result(conn)?;
    let items = query()
        .order(letter_register::sequence_no.desc())
        .select(Entry::as_select())
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    Ok((items, total))
}

pub fn set_disposition(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    disposition: &str,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::update(
        letter_register::table
            .filter(letter_register::desa_id.eq(tenant.as_str()))
            .filter(letter_register::id.eq(id)),
    )
    .set((
        letter_register::disposition.eq(disposition),
        letter_register::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

/// Attaches the scan to a letter that has none: of two racing uploads, one wins and the other
/// gets a conflict.
pub fn attach_scan(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    scan: (&str, &str, i32),
    now: NaiveDateTime,
) -> Result<()> {
    let (scan_id, content_type, size) = scan;
    let n = diesel::update(
        letter_register::table
            .filter(letter_register::desa_id.eq(tenant.as_str()))
            .filter(letter_register::id.eq(id))
            .filter(letter_register::scan_id.is_null()),
    )
    .set((
        letter_register::scan_id.eq(scan_id),
        letter_register::scan_type.eq(content_type),
        letter_register::scan_size.eq(size),
        letter_register::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n != 1 {
        return Err(Error::Conflict(
            "Surat ini sudah punya pindaian; pindaian yang tersimpan tidak ditimpa.".into(),
        ));
    }
    Ok(())
}

/// How many letters received in `year` still wait for a disposition.
pub fn undisposed(conn: &mut DbConn, tenant: &TenantId, year: i32) -> Result<i64> {
    Ok(letter_register::table
        .filter(letter_register::desa_id.eq(tenant.as_str()))
        .filter(letter_register::direction.eq(Direction::Masuk.as_str()))
        .filter(letter_register::sequence_year.eq(year))
        .filter(letter_register::disposition.is_null())
        .count()
        .get_result(conn)?)
}
