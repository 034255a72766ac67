//! The outcome of the desa's last check, kept for the staff's home.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::quality_checks;
use sid_core::{Result, TenantId};

pub fn save(conn: &mut DbConn, tenant: &TenantId, findings: i32, at: NaiveDateTime) -> Result<()> {
    let values = (
        quality_checks::findings.eq(findings),
        quality_checks::checked_at.eq(at),
    );
    let n = diesel::update(quality_checks::table.find(tenant.as_str()))
        .set(values)
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(quality_checks::table)
            .values((quality_checks::desa_id.eq(tenant.as_str()), values))
            .execute(conn)?;
    }
    Ok(())
}

/// How many findings the last check had, and when it ran; `None` before the first.
pub fn last(conn: &mut DbConn, tenant: &TenantId) -> Result<Option<(i32, NaiveDateTime)>> {
    Ok(quality_checks::table
        .find(tenant.as_str())
        .select((quality_checks::findings, quality_checks::checked_at))
        .first(conn)
        .optional()?)
}
