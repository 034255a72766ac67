use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::r2d2::Pool;

use super::connection::Manager;
use super::{migrate, Backend, DatabaseUrl, DbConn};
use crate::{Error, Result, TenantId};

#[derive(Debug, Clone)]
pub struct DbOptions {
    pub url: String,
    pub pool_size: u32,
    /// PostgreSQL role the request connections switch to (owns nothing, cannot bypass RLS).
    pub app_role: String,
}

/// What a transaction may see. On PostgreSQL this becomes the setting the row-level
/// security policies read; on SQLite the Rust-side `TenantId` filters are the only guard.
enum Scope {
    /// Regency-wide tables only (registry, identity): tenant tables show no rows.
    Global(Access),
    Tenant(TenantId, Access),
    /// Every desa's rows, read-only: the one path for Diskominfo's regency-wide reads.
    RegencyRead,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Read,
    Write,
}

/// The pool and the transaction helpers. Each helper takes a connection off the async threads,
/// runs the closure in one transaction and commits only when it returns `Ok`.
#[derive(Clone)]
pub struct Db {
    pool: Pool<Manager>,
    backend: Backend,
}

impl Db {
    /// Migrates (as the connecting role) and opens the pool.
    pub fn connect(options: &DbOptions) -> Result<Db> {
        let role = &options.app_role;
        let role_ok = !role.is_empty()
            && role
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !role_ok {
            return Err(Error::invalid(
                "database.app_role",
                "hanya huruf kecil, angka dan garis bawah",
            ));
        }
        let url = DatabaseUrl::parse(&options.url)?;
        migrate(&url, role)?;
        let backend = url.backend();
        let pool = Pool::builder()
            .max_size(options.pool_size)
            // A ping per checkout is one more round trip per request; broken connections are
            // caught by `has_broken` and the retry in `run` instead.
            .test_on_check_out(false)
            // A burst (a morning's letters signed at once) queues for a connection rather than
            // failing; a request still waiting after this long gets an error.
            .connection_timeout(Duration::from_secs(30))
            .build(Manager {
                url,
                app_role: role.clone(),
            })
            .map_err(|e| Error::Pool(e.to_string()))?;
        Ok(Db { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A writing transaction on regency-wide tables (desa registry, users, sessions).
    pub async fn global<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(Scope::Global(Access::Write), f).await
    }

    /// Reads of regency-wide tables, without a transaction: each statement is one round trip
    /// (signing a request in costs one), and tenant tables show no rows.
    pub async fn global_read<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(Scope::Global(Access::Read), f).await
    }

    /// A writing transaction inside one desa: PostgreSQL shows and accepts only its rows.
    pub async fn tenant<T, F>(&self, tenant: &TenantId, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn, &TenantId) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let t = tenant.clone();
        self.run(Scope::Tenant(tenant.clone(), Access::Write), move |conn| {
            f(conn, &t)
        })
        .await
    }

    /// A read-only transaction inside one desa.
    pub async fn tenant_read<T, F>(&self, tenant: &TenantId, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn, &TenantId) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let t = tenant.clone();
        self.run(Scope::Tenant(tenant.clone(), Access::Read), move |conn| {
            f(conn, &t)
        })
        .await
    }

    /// A read-only transaction over every desa, for `kabupaten_admin` figures only.
    pub async fn regency_read<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(Scope::RegencyRead, f).await
    }

    /// Whether the database answers (for `/ready`).
    pub async fn ping(&self) -> Result<()> {
        self.global_read(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("SELECT 1").map_err(Error::from)
        })
        .await
    }

    async fn run<T, F>(&self, scope: Scope, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(|e| Error::Pool(e.to_string()))?;
            if let Scope::Global(Access::Read) = scope {
                return f(&mut conn);
            }
            if begin(&mut conn, &scope).is_err() {
                // The connection died while idle in the pool (has_broken now drops it): a
                // failed BEGIN wrote nothing, so one retry on a fresh connection is safe.
                drop(conn);
                conn = pool.get().map_err(|e| Error::Pool(e.to_string()))?;
                begin(&mut conn, &scope)?;
            }
            match f(&mut conn) {
                Ok(value) => {
                    finish(&mut conn, true)?;
                    Ok(value)
                }
                Err(e) => {
                    if let Err(rollback) = finish(&mut conn, false) {
                        tracing::warn!(error = %rollback, "rollback failed");
                    }
                    Err(e)
                }
            }
        })
        .await
        .map_err(Error::internal)?
    }
}

/// Moves the open transaction into another desa: for the one act that spans two desa (a move
/// between desa of the regency), which writes to both in one transaction. Only a `TenantId`,
/// hence only a desa of the registry, can be named.
pub fn switch_tenant(conn: &mut DbConn, tenant: &TenantId) -> Result<()> {
    if let DbConn::Pg(c) = conn {
        use diesel::connection::SimpleConnection;
        c.batch_execute(&format!(
            "SELECT set_config('sid.desa_id', '{}', true)",
            tenant.as_str()
        ))?;
    }
    Ok(())
}

/// BEGIN and the scope setting in one round trip. The tenant id is a UUID read from the
/// registry, so formatting it into the statement cannot inject anything.
fn begin(conn: &mut DbConn, scope: &Scope) -> Result<()> {
    let access = match scope {
        Scope::Global(a) | Scope::Tenant(_, a) => *a,
        Scope::RegencyRead => Access::Read,
    };
    match conn {
        DbConn::Pg(c) => {
            let begin = match access {
                Access::Read => "BEGIN READ ONLY",
                Access::Write => "BEGIN",
            };
            let sql = match scope {
                Scope::Global(_) => begin.to_string(),
                Scope::Tenant(t, _) => format!(
                    "{begin}; SELECT set_config('sid.desa_id', '{}', true)",
                    t.as_str()
                ),
                Scope::RegencyRead => {
                    format!("{begin}; SELECT set_config('sid.scope', 'kabupaten', true)")
                }
            };
            AnsiTransactionManager::begin_transaction_sql(c, &sql)?;
        }
        DbConn::Sqlite(c) => {
            // IMMEDIATE takes the write lock up front, so two writers queue on the busy
            // timeout instead of deadlocking on a lock upgrade; readers never wait.
            let sql = match access {
                Access::Read => "BEGIN",
                Access::Write => "BEGIN IMMEDIATE",
            };
            AnsiTransactionManager::begin_transaction_sql(c, sql)?;
        }
    }
    Ok(())
}

fn finish(conn: &mut DbConn, commit: bool) -> Result<()> {
    let done = match (conn, commit) {
        (DbConn::Pg(c), true) => AnsiTransactionManager::commit_transaction(c),
        (DbConn::Pg(c), false) => AnsiTransactionManager::rollback_transaction(c),
        (DbConn::Sqlite(c), true) => AnsiTransactionManager::commit_transaction(c),
        (DbConn::Sqlite(c), false) => AnsiTransactionManager::rollback_transaction(c),
    };
    done.map_err(Error::from)
}
