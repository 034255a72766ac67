//! Potensi rows in the database.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::potensi;
use sid_core::{Error, Result, TenantId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = potensi, treat_none_as_null = true)]
pub struct Row {
    pub desa_id: String,
    pub commodity: String,
    pub year: i32,
    pub area_ha: Option<f64>,
    pub production: f64,
    pub unit: String,
    pub harvest_months: i32,
    pub producers: i32,
    pub updated_at: NaiveDateTime,
}

/// Writes a commodity's year, new or again.
pub fn put(conn: &mut DbConn, r: &Row) -> Result<()> {
    let updated = diesel::update(
        potensi::table
            .filter(potensi::desa_id.eq(&r.desa_id))
            .filter(potensi::commodity.eq(&r.commodity))
            .filter(potensi::year.eq(r.year)),
    )
    .set(r)
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(potensi::table)
            .values(r)
            .execute(conn)?;
    }
    Ok(())
}

pub fn delete(conn: &mut DbConn, tenant: &TenantId, commodity: &str, year: i32) -> Result<()> {
    let gone = diesel::delete(
        potensi::table
            .filter(potensi::desa_id.eq(tenant.as_str()))
            .filter(potensi::commodity.eq(commodity))
            .filter(potensi::year.eq(year)),
    )
    .execute(conn)?;
    if gone == 0 {
        return Err(Error::NotFound("Data potensi".into()));
    }
    Ok(())
}

/// The years the desa has recorded, the latest first.
pub fn years(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<i32>> {
    Ok(potensi::table
        .filter(potensi::desa_id.eq(tenant.as_str()))
        .select(potensi::year)
        .distinct()
        .order(potensi::year.desc())
        .load(conn)?)
}

pub fn of_year(conn: &mut DbConn, tenant: &TenantId, year: i32) -> Result<Vec<Row>> {
    Ok(potensi::table
        .filter(potensi::desa_id.eq(tenant.as_str()))
        .filter(potensi::year.eq(year))
        .order(potensi::commodity)
        .select(Row::as_select())
        .load(conn)?)
}
