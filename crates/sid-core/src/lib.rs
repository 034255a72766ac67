//! Shared kernel of SID Serang: ids and domain types, the error type, the database
//! (connection, pool, migrations, transactions), identity, the audit log, and the `Module` every
//! domain crate exports.

pub mod audit;
pub mod auth;
pub mod chart;
pub mod clock;
pub mod code_list;
pub mod db;
pub mod error;
pub mod facts;
pub mod fields;
pub mod files;
pub mod http;
pub mod ids;
pub mod kept_pages;
pub mod mail;
pub mod markdown;
pub mod module;
pub mod page;
pub mod pagination;
pub mod photos;
pub mod rupiah;
pub mod schema;
pub mod spreadsheet;
pub mod state;
pub mod tenant;
pub mod work;

pub use error::{Error, FieldError, Result, RowError};
pub use module::Module;
pub use state::AppState;
pub use tenant::{Desa, TenantId};
