//! The audit log: who did what, when, in which desa (UU PDP No. 27/2022 asks for it on every
//! read and change of personal data).

use chrono::Utc;
use diesel::prelude::*;

use crate::auth::User;
use crate::db::DbConn;
use crate::schema::{audit_log, regency_audit};
use crate::{ids, Result, TenantId};

/// One entry in a desa's log, written in the transaction of the act itself.
pub fn record(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    action: &str,
    target: &str,
    detail: &str,
) -> Result<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::desa_id.eq(tenant.as_str()),
            audit_log::id.eq(ids::new_id()),
            audit_log::at.eq(Utc::now().naive_utc()),
            audit_log::actor_id.eq(&actor.id),
            audit_log::actor_username.eq(&actor.username),
            audit_log::action.eq(action),
            audit_log::target.eq(target),
            audit_log::detail.eq(detail),
        ))
        .execute(conn)?;
    Ok(())
}

/// One entry in the regency's log (acts of Diskominfo that belong to no single desa).
pub fn record_regency(
    conn: &mut DbConn,
    actor: Option<&User>,
    action: &str,
    target: &str,
    detail: &str,
) -> Result<()> {
    diesel::insert_into(regency_audit::table)
        .values((
            regency_audit::id.eq(ids::new_id()),
            regency_audit::at.eq(Utc::now().naive_utc()),
            regency_audit::actor_id.eq(actor.map(|a| a.id.as_str())),
            regency_audit::actor_username.eq(actor.map_or("sistem", |a| a.username.as_str())),
            regency_audit::action.eq(action),
            regency_audit::target.eq(target),
            regency_audit::detail.eq(detail),
        ))
        .execute(conn)?;
    Ok(())
}
