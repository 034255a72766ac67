//! The regency-wide counts behind the figures: read through `Db::regency_read` or
//! `Db::global_read` only.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::{audit_log, desa, users};
use sid_core::Result;

/// Per-desa counts of active staff accounts (regency-wide identity table).
pub fn staff_counts(conn: &mut DbConn) -> Result<HashMap<String, i64>> {
    let rows: Vec<(Option<String>, i64)> = users::table
        .filter(users::active.eq(true))
        .filter(users::role.eq_any(["desa_admin", "desa_operator"]))
        .group_by(users::desa_id)
        .select((users::desa_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(d, n)| d.map(|d| (d, n)))
        .collect())
}

/// Per-desa counts of audit log entries since `since`: a first sign of activity.
pub fn activity_since(conn: &mut DbConn, since: NaiveDateTime) -> Result<HashMap<String, i64>> {
    let rows: Vec<(String, i64)> = audit_log::table
        .filter(audit_log::at.ge(since))
        .group_by(audit_log::desa_id)
        .select((audit_log::desa_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Switches a desa of the registry on or off.
pub fn set_active(conn: &mut DbConn, desa_id: &str, active: bool) -> Result<()> {
    diesel::update(desa::table.find(desa_id))
        .set(desa::active.eq(active))
        .execute(conn)?;
    Ok(())
}
