//! One act of a request on one desa's data: the connection inside its transaction, the desa,
//! who acts and when. Every writing handler gets one from `Db::write`, so "who" and "now" are
//! taken once, in one place, and the audit entry is one call.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Db, DbConn};
use crate::auth::User;
use crate::{audit, clock, Result, TenantId};

pub struct Write<'a> {
    pub conn: &'a mut DbConn,
    pub tenant: &'a TenantId,
    pub actor: &'a User,
    /// The moment of the act, in UTC as stored.
    pub now: NaiveDateTime,
}

impl Write<'_> {
    /// Writes the act to the desa's audit log.
    pub fn audit(&mut self, action: &str, target: &str, detail: &str) -> Result<()> {
        audit::record(self.conn, self.tenant, self.actor, action, target, detail)
    }

    /// The desa's date (WIB) at the moment of the act.
    pub fn today(&self) -> NaiveDate {
        clock::local_date(self.now)
    }

    /// The same act on another desa's rows, for the one act that spans two (a move within the
    /// regency); the caller has switched the transaction to that desa.
    pub fn within<'b>(&'b mut self, tenant: &'b TenantId) -> Write<'b> {
        Write {
            conn: &mut *self.conn,
            tenant,
            actor: self.actor,
            now: self.now,
        }
    }
}

impl Db {
    /// Runs `f` as one writing transaction of the desa, acted by `actor`.
    pub async fn write<T, F>(&self, tenant: &TenantId, actor: &User, f: F) -> Result<T>
    where
        F: FnOnce(&mut Write) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let acting = actor.clone();
        let result = self
            .tenant(tenant, move |conn, tenant| {
                f(&mut Write {
                    conn,
                    tenant,
                    actor: &acting,
                    now: clock::now(),
                })
            })
            .await;
        self.probed(tenant, actor, result).await
    }
}
