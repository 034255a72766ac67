//! Officials in the database.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::officials;
use sid_core::{Error, Result, TenantId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = officials, treat_none_as_null = true)]
pub struct Official {
    pub desa_id: String,
    pub id: String,
    pub body: String,
    pub name: String,
    pub title: String,
    pub position: i32,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
    pub photo_width: Option<i32>,
    pub photo_height: Option<i32>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, o: &Official) -> Result<()> {
    diesel::insert_into(officials::table)
        .values(o)
        .execute(conn)?;
    Ok(())
}

pub fn save(conn: &mut DbConn, tenant: &TenantId, o: &Official) -> Result<()> {
    diesel::update(
        officials::table
            .filter(officials::desa_id.eq(tenant.as_str()))
            .filter(officials::id.eq(&o.id)),
    )
    .set(o)
    .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Official> {
    officials::table
        .filter(officials::desa_id.eq(tenant.as_str()))
        .filter(officials::id.eq(id))
        .select(Official::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::NotFound("Aparat desa".into()))
}

pub fn delete(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<()> {
    diesel::delete(
        officials::table
            .filter(officials::desa_id.eq(tenant.as_str()))
            .filter(officials::id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}

/// Every official, the perangkat desa first, each body in its order.
pub fn list(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<Official>> {
    Ok(officials::table
        .filter(officials::desa_id.eq(tenant.as_str()))
        .order((officials::body.desc(), officials::position, officials::id))
        .select(Official::as_select())
        .load(conn)?)
}

/// Whether `id` is an official of the desa with a photo (the photo store also holds others).
pub fn has_photo(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<bool> {
    let n: i64 = officials::table
        .filter(officials::desa_id.eq(tenant.as_str()))
        .filter(officials::id.eq(id))
        .filter(officials::photo_width.is_not_null())
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
