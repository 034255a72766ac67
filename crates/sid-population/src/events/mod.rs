//! Population events (peristiwa kependudukan): birth, death, moving out, moving in, missing.
//! Each changes a resident's status and is written to the mutation book (Buku Mutasi) with its
//! report date and event date. A move to another desa of the regency is a transfer (`transfers`).

pub(crate) mod acts;
mod api;
pub(crate) mod input;
pub mod store;

pub use api::{configure, EventsDoc};
