//! The areas table: every query takes the desa.

use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::schema::areas;
use sid_core::{Error, Result, TenantId};

use super::Area;

/// The area exists in this desa (an id from another desa does not).
pub fn require(conn: &mut DbConn, tenant: &TenantId, id: &str, field: &str) -> Result<Area> {
    areas::table
        .filter(areas::desa_id.eq(tenant.as_str()))
        .filter(areas::id.eq(id))
        .select(Area::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::invalid(field, "RT tidak ditemukan di desa ini"))
}

/// One page of the desa's areas, by dusun, RW and RT.
pub fn list(conn: &mut DbConn, tenant: &TenantId, page: &PageParams) -> Result<(Vec<Area>, i64)> {
    let filter = areas::table.filter(areas::desa_id.eq(tenant.as_str()));
    let total: i64 = filter.count().get_result(conn)?;
    let items = filter
        .select(Area::as_select())
        .order((areas::dusun, areas::rw, areas::rt))
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    Ok((items, total))
}

/// Adds an RT; one dusun has each RW/RT pair once.
pub fn insert(conn: &mut DbConn, tenant: &TenantId, area: &Area) -> Result<()> {
    let taken: i64 = areas::table
        .filter(areas::desa_id.eq(tenant.as_str()))
        .filter(areas::dusun.eq(&area.dusun))
        .filter(areas::rw.eq(&area.rw))
        .filter(areas::rt.eq(&area.rt))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(Error::Conflict(format!(
            "RT {}/RW {} di {} sudah ada.",
            area.rt, area.rw, area.dusun
        )));
    }
    diesel::insert_into(areas::table)
        .values((
            areas::desa_id.eq(tenant.as_str()),
            areas::id.eq(&area.id),
            areas::dusun.eq(&area.dusun),
            areas::rw.eq(&area.rw),
            areas::rt.eq(&area.rt),
        ))
        .execute(conn)?;
    Ok(())
}
