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

/// One entry of a desa's audit log.
#[derive(Debug, Clone, serde::Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = audit_log)]
pub struct Entry {
    pub id: String,
    pub at: chrono::NaiveDateTime,
    pub actor_id: Option<String>,
    pub actor_username: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// One page of a desa's log, newest first; unless `targets` is empty, only the entries about
/// those records (a person and their family card, say).
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    targets: &[String],
    page: &crate::pagination::PageParams,
) -> Result<(Vec<Entry>, i64)> {
    let mut query = audit_log::table
        .filter(audit_log::desa_id.eq(tenant.as_str()))
        .select((Entry::as_select(), crate::pagination::CountOver))
        .into_boxed();
    if !targets.is_empty() {
        query = query.filter(audit_log::target.eq_any(targets.to_vec()));
    }
    let rows: Vec<(Entry, i64)> = query
        .order(audit_log::id.desc())
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    let total = rows.first().map_or(0, |(_, n)| *n);
    Ok((rows.into_iter().map(|(e, _)| e).collect(), total))
}

/// Records that `actor` was shown `targets` (a list or search page, ids of the records on it):
/// one entry per record, so that each person's "who saw my data" finds it, in one statement.
pub fn record_shown(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    action: &str,
    targets: &[String],
    detail: &str,
) -> Result<()> {
    if targets.is_empty() {
        return Ok(());
    }
    let at = Utc::now().naive_utc();
    let rows: Vec<_> = targets
        .iter()
        .map(|target| {
            (
                audit_log::desa_id.eq(tenant.as_str()),
                audit_log::id.eq(ids::new_id()),
                audit_log::at.eq(at),
                audit_log::actor_id.eq(&actor.id),
                audit_log::actor_username.eq(&actor.username),
                audit_log::action.eq(action),
                audit_log::target.eq(target),
                audit_log::detail.eq(detail),
            )
        })
        .collect();
    // Eight parameters a row: a few hundred rows a statement stays far below either
    // backend's limit on bound parameters (a whole book exported at once is many thousands).
    for chunk in rows.chunks(500) {
        crate::on_backend!(conn, |c| diesel::insert_into(audit_log::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

/// `record_shown` after a read, in a transaction of its own, before the answer leaves (no
/// answer without its record).
pub async fn shown(
    db: &crate::db::Db,
    tenant: &TenantId,
    actor: &User,
    action: &'static str,
    targets: Vec<String>,
    detail: String,
) -> Result<()> {
    if targets.is_empty() {
        return Ok(());
    }
    db.write(tenant, actor, move |w| {
        record_shown(w.conn, w.tenant, w.actor, action, &targets, &detail)
    })
    .await
}

/// Reads one record of a desa for its staff and writes the view to the desa's log in the same
/// transaction (UU PDP: every read of personal data by staff is logged). `read` returns the
/// record with the log entry's target and detail.
pub async fn viewed<T, F>(
    db: &crate::db::Db,
    tenant: &TenantId,
    actor: &User,
    action: &'static str,
    read: F,
) -> Result<T>
where
    F: FnOnce(&mut DbConn, &TenantId) -> Result<(T, String, String)> + Send + 'static,
    T: Send + 'static,
{
    db.write(tenant, actor, move |w| {
        let (value, target, detail) = read(w.conn, w.tenant)?;
        w.audit(action, &target, &detail)?;
        Ok(value)
    })
    .await
}
