//! The database: one connection type over both backends, the pool, migrations, and the
//! transaction helper every request goes through.

mod connection;
mod migrate;
mod transaction;

pub use connection::{Backend, DatabaseUrl, DbConn};
pub use migrate::migrate;
pub use transaction::{switch_tenant, Db, DbOptions};
