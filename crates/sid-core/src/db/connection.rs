use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ManageConnection, R2D2Connection};

use crate::{Error, Result};

/// One connection type for both backends; every query in the project is written against it.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// A database URL whose scheme has been read: `postgres://…` / `postgresql://…` or `sqlite://path`.
#[derive(Debug, Clone)]
pub struct DatabaseUrl {
    backend: Backend,
    target: String,
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self {
                backend: Backend::Postgres,
                target: url.to_string(),
            })
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(Error::invalid("database.url", "path SQLite kosong"));
            }
            Ok(Self {
                backend: Backend::Sqlite,
                target: path.to_string(),
            })
        } else {
            Err(Error::invalid(
                "database.url",
                "harus diawali postgres://, postgresql:// atau sqlite://",
            ))
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// What the backend's driver connects to: the URL for PostgreSQL, the file path for SQLite.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The same database, logged in as `role` with no password: the default for the request
    /// and regency roles where the server reaches PostgreSQL over trust or peer
    /// authentication. Deployments with passwords give each role its own URL instead.
    pub fn login_as(&self, role: &str) -> Result<DatabaseUrl> {
        let mut url = url::Url::parse(&self.target)
            .map_err(|e| Error::invalid("database.url", e.to_string()))?;
        let query: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "user" && k != "password")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.set_query(None);
        let mut pairs = query;
        // A URL without a host (a socket given as `?host=`) cannot carry a user name before
        // the host; libpq takes it from the query instead.
        if url.set_username(role).is_err() || url.set_password(None).is_err() {
            pairs.push(("user".into(), role.into()));
        }
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        Ok(DatabaseUrl {
            backend: self.backend,
            target: url.into(),
        })
    }

    pub(crate) fn establish_pg(&self) -> Result<PgConnection> {
        PgConnection::establish(&self.target).map_err(|e| Error::Pool(e.to_string()))
    }

    pub(crate) fn establish_sqlite(&self) -> Result<SqliteConnection> {
        if let Some(dir) = std::path::Path::new(&self.target).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(Error::internal)?;
            }
        }
        let mut conn =
            SqliteConnection::establish(&self.target).map_err(|e| Error::Pool(e.to_string()))?;
        // WAL lets readers run beside the one writer; the busy timeout queues writers instead
        // of failing them.
        conn.batch_execute(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
        )?;
        Ok(conn)
    }
}

/// What a pooled PostgreSQL connection's session-level `sid.desa_id` holds, so that reads
/// outside a transaction set it only when it has to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SessionScope {
    /// No desa: tenant tables show no rows.
    Cleared,
    Desa(String),
    /// A statement setting it failed midway; set it again before trusting it.
    Unknown,
}

/// A pooled connection and what its session settings are known to be.
pub(crate) struct Pooled {
    pub conn: DbConn,
    pub scope: SessionScope,
}

/// Opens pooled connections. On PostgreSQL each one logs in as a role that owns nothing and is
/// subject to row-level security (never the owner switched with `SET ROLE`, which any
/// statement could undo with `RESET ROLE`), and is read-only unless a transaction says
/// otherwise (reads run outside transactions, so that is their guard against writing).
#[derive(Debug)]
pub(crate) struct Manager {
    pub url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = Error;

    fn connect(&self) -> Result<Pooled> {
        let conn = match self.url.backend {
            Backend::Postgres => {
                let mut conn = self.url.establish_pg()?;
                conn.batch_execute("SET default_transaction_read_only = on")?;
                DbConn::Pg(conn)
            }
            Backend::Sqlite => DbConn::Sqlite(self.url.establish_sqlite()?),
        };
        Ok(Pooled {
            conn,
            scope: SessionScope::Cleared,
        })
    }

    fn is_valid(&self, conn: &mut Pooled) -> Result<()> {
        conn.conn.batch_execute("SELECT 1").map_err(Error::from)
    }

    fn has_broken(&self, conn: &mut Pooled) -> bool {
        conn.conn.is_broken()
    }
}
