use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::pagination::{CountOver, PageParams};
use sid_core::schema::transfers;
use sid_core::{Error, Result, TenantId};

use super::status::{Direction, Status};

/// One desa's row of a transfer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Transfer {
    pub id: String,
    pub direction: Direction,
    #[serde(skip)]
    pub other_desa_id: String,
    /// keluar: the person in this desa; masuk: their record here once accepted.
    pub resident_id: Option<String>,
    pub nik: String,
    pub name: String,
    pub sex: i32,
    pub birth_date: NaiveDate,
    pub move_date: NaiveDate,
    pub reported_on: NaiveDate,
    /// The address in the destination desa.
    pub destination: String,
    pub reason: String,
    pub status: Status,
    pub requested_by: String,
    pub requested_at: NaiveDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    /// Why the destination desa refused.
    pub refusal: Option<String>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = transfers)]
struct Row {
    id: String,
    direction: String,
    other_desa_id: String,
    resident_id: Option<String>,
    nik: String,
    name: String,
    sex: i32,
    birth_date: NaiveDate,
    move_date: NaiveDate,
    reported_on: NaiveDate,
    destination: String,
    reason: String,
    status: String,
    requested_by: String,
    requested_at: NaiveDateTime,
    decided_by: Option<String>,
    decided_at: Option<NaiveDateTime>,
    refusal: Option<String>,
}

impl TryFrom<Row> for Transfer {
    type Error = Error;
    fn try_from(r: Row) -> Result<Transfer> {
        let direction = Direction::parse(&r.direction)
            .ok_or_else(|| Error::Internal(format!("arah pindah '{}'", r.direction)))?;
        let status = Status::parse(&r.status)
            .ok_or_else(|| Error::Internal(format!("status pindah '{}'", r.status)))?;
        Ok(Transfer {
            id: r.id,
            direction,
            other_desa_id: r.other_desa_id,
            resident_id: r.resident_id,
            nik: r.nik,
            name: r.name,
            sex: r.sex,
            birth_date: r.birth_date,
            move_date: r.move_date,
            reported_on: r.reported_on,
            destination: r.destination,
            reason: r.reason,
            status,
            requested_by: r.requested_by,
            requested_at: r.requested_at,
            decided_by: r.decided_by,
            decided_at: r.decided_at,
            refusal: r.refusal,
        })
    }
}

/// Writes this desa's row of a transfer; the caller has switched the connection to `tenant`.
pub fn insert(conn: &mut DbConn, tenant: &TenantId, t: &Transfer) -> Result<()> {
    diesel::insert_into(transfers::table)
        .values((
            transfers::desa_id.eq(tenant.as_str()),
            transfers::id.eq(&t.id),
            transfers::direction.eq(t.direction.as_str()),
            transfers::other_desa_id.eq(&t.other_desa_id),
            transfers::resident_id.eq(&t.resident_id),
            transfers::nik.eq(&t.nik),
            transfers::name.eq(&t.name),
            transfers::sex.eq(t.sex),
            transfers::birth_date.eq(t.birth_date),
            transfers::move_date.eq(t.move_date),
            transfers::reported_on.eq(t.reported_on),
            transfers::destination.eq(&t.destination),
            transfers::reason.eq(&t.reason),
            transfers::status.eq(t.status.as_str()),
            transfers::requested_by.eq(&t.requested_by),
            transfers::requested_at.eq(t.requested_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Option<Transfer>> {
    transfers::table
        .filter(transfers::desa_id.eq(tenant.as_str()))
        .filter(transfers::id.eq(id))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Transfer::try_from)
        .transpose()
}

pub fn require(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Transfer> {
    get(conn, tenant, id)?.ok_or_else(|| Error::NotFound("Permohonan pindah".into()))
}

/// The transfer of this resident that waits for the destination desa, if any.
pub fn open_for(
    conn: &mut DbConn,
    tenant: &TenantId,
    resident_id: &str,
) -> Result<Option<Transfer>> {
    transfers::table
        .filter(transfers::desa_id.eq(tenant.as_str()))
        .filter(transfers::resident_id.eq(resident_id))
        .filter(transfers::direction.eq(Direction::Keluar.as_str()))
        .filter(transfers::status.eq(Status::Menunggu.as_str()))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Transfer::try_from)
        .transpose()
}

/// The answer to a waiting transfer, in this desa's row. Only a row that still waits changes:
/// of two answers racing, the second finds none and is told so.
pub struct Decision<'a> {
    pub to: Status,
    pub by: &'a str,
    pub at: NaiveDateTime,
    pub refusal: Option<&'a str>,
    /// masuk, accepted: the record created in this desa.
    pub resident_id: Option<&'a str>,
}

pub fn decide(conn: &mut DbConn, tenant: &TenantId, id: &str, d: &Decision) -> Result<()> {
    let target = transfers::table
        .filter(transfers::desa_id.eq(tenant.as_str()))
        .filter(transfers::id.eq(id))
        .filter(transfers::status.eq(Status::Menunggu.as_str()));
    let changed = match d.resident_id {
        Some(resident) => diesel::update(target)
            .set((
                transfers::status.eq(d.to.as_str()),
                transfers::decided_by.eq(d.by),
                transfers::decided_at.eq(d.at),
                transfers::refusal.eq(d.refusal),
                transfers::resident_id.eq(resident),
            ))
            .execute(conn)?,
        None => diesel::update(target)
            .set((
                transfers::status.eq(d.to.as_str()),
                transfers::decided_by.eq(d.by),
                transfers::decided_at.eq(d.at),
                transfers::refusal.eq(d.refusal),
            ))
            .execute(conn)?,
    };
    if changed == 0 {
        return Err(Error::Conflict(
            "Permohonan pindah ini sudah dijawab atau dibatalkan. Muat ulang halaman.".into(),
        ));
    }
    Ok(())
}

/// One page of the desa's transfers, newest request first; optionally one direction and status.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    direction: Option<Direction>,
    status: Option<Status>,
    page: &PageParams,
) -> Result<(Vec<Transfer>, i64)> {
    let mut query = transfers::table
        .filter(transfers::desa_id.eq(tenant.as_str()))
        .select((Row::as_select(), CountOver))
        .into_boxed();
    if let Some(d) = direction {
        query = query.filter(transfers::direction.eq(d.as_str()));
    }
    if let Some(s) = status {
        query = query.filter(transfers::status.eq(s.as_str()));
    }
    let rows: Vec<(Row, i64)> = query
        .order((transfers::requested_at.desc(), transfers::id.desc()))
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    let total = rows.first().map_or(0, |r| r.1);
    let items = rows
        .into_iter()
        .map(|(r, _)| Transfer::try_from(r))
        .collect::<Result<_>>()?;
    Ok((items, total))
}
