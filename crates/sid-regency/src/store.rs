//! The regency-wide counts behind the figures: read through `Db::regency_read` or
//! `Db::global_read` only.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::{desa, users};
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

#[derive(QueryableByName)]
struct LastEntry {
    #[diesel(sql_type = diesel::sql_types::Text)]
    desa_id: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamp>)]
    at: Option<NaiveDateTime>,
}

/// When each desa's audit log last recorded something: a sign of staff activity. Audit ids are
/// time-ordered (UUIDv7), so each desa's latest is one step down its primary key, whatever the
/// log's size (a count over 30 days read ten million rows at regency size).
pub fn last_activity(conn: &mut DbConn) -> Result<HashMap<String, NaiveDateTime>> {
    let rows: Vec<LastEntry> = diesel::sql_query(
        "SELECT d.id AS desa_id, (SELECT a.at FROM audit_log a WHERE a.desa_id = d.id \
         ORDER BY a.id DESC LIMIT 1) AS at FROM desa d",
    )
    .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.at.map(|at| (r.desa_id, at)))
        .collect())
}

/// Switches a desa of the registry on or off.
pub fn set_active(conn: &mut DbConn, desa_id: &str, active: bool) -> Result<()> {
    diesel::update(desa::table.find(desa_id))
        .set(desa::active.eq(active))
        .execute(conn)?;
    Ok(())
}
