//! The database: one connection type over both backends, the pool, migrations, and the
//! transaction helper every request goes through.

mod changes;
mod connection;
mod listener;
mod migrate;
mod nik_probes;
mod scoped;
mod transaction;
mod write;

pub use changes::Changes;
pub use connection::{Backend, DatabaseUrl, DbConn};
pub use migrate::{migrate, Roles};
pub use nik_probes::PER_HOUR as NIK_PROBES_PER_HOUR;
pub use scoped::{ScopeDesa, Scoped};
pub use transaction::{switch_tenant, Db, DbOptions};
pub use write::Write;

/// Runs `$body` on the backend's own connection, for statements diesel cannot build for both
/// at once (multi-row INSERT): the body is compiled once per backend.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Pg($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}
