use std::sync::Arc;
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::r2d2::Pool;
use tokio::sync::Semaphore;

use super::changes::Changes;
use super::connection::{Manager, Pooled, SessionScope};
use super::{listener, migrate, Backend, DatabaseUrl, DbConn, Roles};
use crate::auth::live_sessions::{self, LiveSessions};
use crate::{Error, Result, TenantId};

/// The `[database]` settings.
#[derive(Clone, serde::Deserialize)]
pub struct DbOptions {
    /// The owner's URL: migrations, and on SQLite everything.
    pub url: String,
    pub pool_size: u32,
    /// PostgreSQL role the request connections log in as (owns nothing, cannot bypass RLS).
    pub app_role: String,
    /// Its URL with credentials; empty: the owner's URL with the role's name and no password.
    pub app_url: String,
    /// PostgreSQL role of the regency-wide reads (reads every desa, changes nothing).
    pub regency_role: String,
    pub regency_url: String,
}

/// Printed by `sid check-config`: URLs without their passwords.
impl std::fmt::Debug for DbOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |u: &str| match url::Url::parse(u) {
            Ok(mut parsed) if parsed.password().is_some() => {
                let _ = parsed.set_password(Some("***"));
                parsed.to_string()
            }
            _ => u.to_string(),
        };
        f.debug_struct("DbOptions")
            .field("url", &hidden(&self.url))
            .field("pool_size", &self.pool_size)
            .field("app_role", &self.app_role)
            .field("app_url", &hidden(&self.app_url))
            .field("regency_role", &self.regency_role)
            .field("regency_url", &hidden(&self.regency_url))
            .finish()
    }
}

/// Connections of the regency-wide reads: few, since Diskominfo's figures are a handful of
/// people's reads.
const REGENCY_POOL_SIZE: u32 = 2;

/// What a transaction may see. On PostgreSQL this becomes the setting the row-level
/// security policies read; on SQLite the Rust-side `TenantId` filters are the only guard.
enum Scope {
    /// Regency-wide tables only (registry, identity): tenant tables show no rows.
    Global(Access),
    Tenant(TenantId, Access),
    /// Reads inside one desa whose every statement sets the desa itself (`load_in_desa!`).
    TenantStatements,
    /// Every desa's rows, read-only: the one path for Diskominfo's regency-wide reads.
    RegencyRead,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Read,
    Write,
}

/// The pool and the transaction helpers. Each helper takes a connection off the async threads;
/// the writing ones run the closure in one transaction and commit only when it returns `Ok`.
/// On PostgreSQL the reading ones run without a transaction (BEGIN and COMMIT would be two of
/// their three round trips): each statement reads committed data as of its start.
#[derive(Clone)]
pub struct Db {
    pool: Pool<Manager>,
    /// PostgreSQL: logged in as the regency role; SQLite reads every desa through `pool`.
    regency: Option<Pool<Manager>>,
    backend: Backend,
    /// The owner's login, for the maintenance only the owner may do (`analyze`).
    owner: DatabaseUrl,
    live: Arc<LiveSessions>,
    pub(crate) probes: Arc<super::nik_probes::NikProbes>,
    /// One permit per pooled connection, handed out in arrival order. Waiting here rather than
    /// in the pool (whose waiters wake in no particular order, each on its own thread) keeps
    /// the slowest requests of a burst close to the typical one.
    turns: Arc<Semaphore>,
    changes: Arc<Changes>,
}

/// How long a request waits for a connection before it is answered with an error: a burst (a
/// morning's letters signed at once) queues rather than fails.
const WAIT_FOR_CONNECTION: Duration = Duration::from_secs(30);

impl Db {
    /// Migrates (as the owner) and opens the pools, each logged in as its own role.
    pub fn connect(options: &DbOptions) -> Result<Db> {
        let roles = Roles {
            app: role_name("database.app_role", &options.app_role)?,
            regency: role_name("database.regency_role", &options.regency_role)?,
        };
        if roles.app == roles.regency {
            return Err(Error::invalid(
                "database.regency_role",
                "harus berbeda dari database.app_role",
            ));
        }
        let owner = DatabaseUrl::parse(&options.url)?;
        migrate(&owner, &roles)?;
        let backend = owner.backend();
        let login = |url: &str, role: &str| match (backend, url.is_empty()) {
            (Backend::Sqlite, _) => Ok(owner.clone()),
            (Backend::Postgres, true) => owner.login_as(role),
            (Backend::Postgres, false) => DatabaseUrl::parse(url),
        };
        let app = login(&options.app_url, &roles.app)?;
        let live = Arc::new(LiveSessions::default());
        let regency = match backend {
            Backend::Postgres => {
                listener::spawn(app.clone(), Arc::downgrade(&live));
                let url = login(&options.regency_url, &roles.regency)?;
                Some(pool(url, REGENCY_POOL_SIZE)?)
            }
            Backend::Sqlite => None,
        };
        Ok(Db {
            pool: pool(app, options.pool_size)?,
            regency,
            backend,
            owner,
            live,
            probes: Arc::default(),
            turns: Arc::new(Semaphore::new(options.pool_size as usize)),
            changes: Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Refreshes the planner's statistics of `tables` after a bulk write (an import into an
    /// empty desa), so that the next page's plan does not take the desa for one row. Only the
    /// owner may analyse: on PostgreSQL this opens one short connection as the owner. SQLite's
    /// planner needs no statistics for these queries.
    pub async fn analyze(&self, tables: &'static [&'static str]) -> Result<()> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        let owner = self.owner.clone();
        actix_web::web::block(move || -> Result<()> {
            let mut conn = owner.establish_pg()?;
            conn.batch_execute(&format!("ANALYZE {}", tables.join(", ")))?;
            Ok(())
        })
        .await
        .map_err(Error::internal)?
    }

    /// What was written through this process, for pages kept in memory.
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// Sessions found live recently (PostgreSQL only; see `auth::live_sessions`).
    pub fn live_sessions(&self) -> &LiveSessions {
        &self.live
    }

    /// A writing transaction on regency-wide tables (desa registry, users, sessions).
    pub async fn global<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(Scope::Global(Access::Write), f).await
    }

    /// Reads of regency-wide tables, without a transaction; tenant tables show no rows.
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

    /// Reads inside one desa: PostgreSQL shows only its rows.
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

    /// Reads inside one desa made only of `load_in_desa!` statements, each of which carries
    /// the desa: on PostgreSQL no desa is set beforehand, saving a round trip per read.
    pub async fn tenant_statements<T, F>(&self, tenant: &TenantId, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn, &TenantId) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let t = tenant.clone();
        self.run(Scope::TenantStatements, move |conn| f(conn, &t))
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
        self.global_read(|conn| conn.batch_execute("SELECT 1").map_err(Error::from))
            .await
    }

    async fn run<T, F>(&self, scope: Scope, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let turn = tokio::time::timeout(WAIT_FOR_CONNECTION, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| Error::Pool("semua koneksi basis data sedang sibuk".into()))?
            .map_err(Error::internal)?;
        let pool = match (&scope, &self.regency) {
            (Scope::RegencyRead, Some(regency)) => regency.clone(),
            _ => self.pool.clone(),
        };
        let live = self.live.clone();
        let changes = self.changes.clone();
        actix_web::web::block(move || {
            let _turn = turn;
            live_sessions::take_pending();
            let mut pooled = pool.get().map_err(|e| Error::Pool(e.to_string()))?;
            let transaction = match enter(&mut pooled, &scope) {
                Ok(t) => t,
                Err(_) => {
                    // The connection died while idle in the pool (has_broken now drops it): a
                    // failed BEGIN or setting wrote nothing, so one retry on a fresh connection
                    // is safe.
                    drop(pooled);
                    pooled = pool.get().map_err(|e| Error::Pool(e.to_string()))?;
                    enter(&mut pooled, &scope)?
                }
            };
            let result = f(&mut pooled.conn);
            if !transaction {
                return result;
            }
            let finished = finish(&mut pooled.conn, result.is_ok());
            let revoked = live_sessions::take_pending();
            match (result, finished) {
                (Ok(value), Ok(())) => {
                    for ended in &revoked {
                        live.forget(ended);
                    }
                    match &scope {
                        Scope::Tenant(tenant, Access::Write) => changes.desa_written(tenant),
                        Scope::Global(Access::Write) => changes.global_written(),
                        _ => {}
                    }
                    Ok(value)
                }
                (Ok(_), Err(e)) => Err(e),
                (Err(e), finished) => {
                    if let Err(rollback) = finished {
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

/// A role name the migrations can write into SQL as they are.
fn role_name(setting: &str, role: &str) -> Result<String> {
    let ok = !role.is_empty()
        && role
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(role.to_string())
    } else {
        Err(Error::invalid(
            setting,
            "hanya huruf kecil, angka dan garis bawah",
        ))
    }
}

fn pool(url: DatabaseUrl, size: u32) -> Result<Pool<Manager>> {
    Pool::builder()
        .max_size(size)
        // A ping per checkout is one more round trip per request; broken connections are
        // caught by `has_broken` and the retry in `run` instead.
        .test_on_check_out(false)
        .connection_timeout(WAIT_FOR_CONNECTION)
        .build(Manager { url })
        .map_err(|e| Error::Pool(e.to_string()))
}

/// Moves the open transaction into another desa: for the one act that spans two desa (a move
/// between desa of the regency), which writes to both in one transaction. Only a `TenantId`,
/// hence only a desa of the registry, can be named.
pub fn switch_tenant(conn: &mut DbConn, tenant: &TenantId) -> Result<()> {
    if let DbConn::Pg(c) = conn {
        c.batch_execute(&format!(
            "SELECT set_config('sid.desa_id', '{}', true)",
            tenant.as_str()
        ))?;
    }
    Ok(())
}

/// Prepares the connection for the scope in at most one round trip; returns whether a
/// transaction was opened. The tenant id is a UUID read from the registry, so formatting it
/// into the statement cannot inject anything.
fn enter(pooled: &mut Pooled, scope: &Scope) -> Result<bool> {
    match &mut pooled.conn {
        DbConn::Pg(c) => {
            let sql = match scope {
                // Self-scoped statements need no desa; none is left on the connection either,
                // so a statement that forgot its scope sees no desa's rows.
                Scope::Global(Access::Read) | Scope::TenantStatements => {
                    return set_session_scope(c, &mut pooled.scope, SessionScope::Cleared)
                        .map(|()| false)
                }
                Scope::Tenant(t, Access::Read) => {
                    let wanted = SessionScope::Desa(t.as_str().to_string());
                    return set_session_scope(c, &mut pooled.scope, wanted).map(|()| false);
                }
                Scope::Global(Access::Write) => {
                    "BEGIN READ WRITE; SELECT set_config('sid.desa_id', '', true)".to_string()
                }
                Scope::Tenant(t, Access::Write) => format!(
                    "BEGIN READ WRITE; SELECT set_config('sid.desa_id', '{}', true)",
                    t.as_str()
                ),
                // The regency role's own policies show it every desa; no setting is involved.
                Scope::RegencyRead => "BEGIN READ ONLY".to_string(),
            };
            AnsiTransactionManager::begin_transaction_sql(c, &sql)?;
        }
        DbConn::Sqlite(c) => {
            // IMMEDIATE takes the write lock up front, so two writers queue on the busy
            // timeout instead of deadlocking on a lock upgrade; readers never wait.
            let sql = match scope {
                Scope::Global(Access::Read) => return Ok(false),
                Scope::Global(Access::Write) | Scope::Tenant(_, Access::Write) => "BEGIN IMMEDIATE",
                Scope::Tenant(_, Access::Read) | Scope::TenantStatements | Scope::RegencyRead => {
                    "BEGIN"
                }
            };
            AnsiTransactionManager::begin_transaction_sql(c, sql)?;
        }
    }
    Ok(true)
}

/// Sets the session-level desa (outside any transaction) unless it already holds it.
fn set_session_scope(
    c: &mut diesel::PgConnection,
    known: &mut SessionScope,
    wanted: SessionScope,
) -> Result<()> {
    if *known == wanted {
        return Ok(());
    }
    let value = match &wanted {
        SessionScope::Desa(id) => id.as_str(),
        SessionScope::Cleared | SessionScope::Unknown => "",
    };
    *known = SessionScope::Unknown;
    c.batch_execute(&format!(
        "SELECT set_config('sid.desa_id', '{value}', false)"
    ))?;
    *known = wanted;
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
