//! The villagers' flags on their records.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::schema::data_flags;
use sid_core::{Result, TenantId};

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = data_flags)]
pub struct Flag {
    pub id: String,
    pub resident_id: String,
    pub field: String,
    pub note: String,
    pub created_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
}

pub fn flags_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    resident: Option<&str>,
    open_only: bool,
) -> Result<Vec<Flag>> {
    let mut q = data_flags::table
        .filter(data_flags::desa_id.eq(tenant.as_str()))
        .into_boxed();
    if let Some(r) = resident {
        q = q.filter(data_flags::resident_id.eq(r.to_string()));
    }
    if open_only {
        q = q.filter(data_flags::resolved_at.is_null());
    }
    Ok(q.order(data_flags::id.desc())
        .limit(500)
        .select(Flag::as_select())
        .load(conn)?)
}

pub fn insert_flag(conn: &mut DbConn, tenant: &TenantId, flag: &Flag) -> Result<()> {
    diesel::insert_into(data_flags::table)
        .values((
            data_flags::desa_id.eq(tenant.as_str()),
            data_flags::id.eq(&flag.id),
            data_flags::resident_id.eq(&flag.resident_id),
            data_flags::field.eq(&flag.field),
            data_flags::note.eq(&flag.note),
            data_flags::created_at.eq(flag.created_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Settles an open flag; `false` when there is no such open flag.
pub fn resolve_flag(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    by: &str,
    at: NaiveDateTime,
) -> Result<bool> {
    let n = diesel::update(
        data_flags::table
            .filter(data_flags::desa_id.eq(tenant.as_str()))
            .filter(data_flags::id.eq(id))
            .filter(data_flags::resolved_at.is_null()),
    )
    .set((
        data_flags::resolved_at.eq(at),
        data_flags::resolved_by.eq(by),
    ))
    .execute(conn)?;
    Ok(n > 0)
}
