//! Population events (peristiwa kependudukan): birth, death, moving out, moving in, missing.
//! Each changes a resident's status and is written to the mutation book (Buku Mutasi) with its
//! report date and event date. A move between two desa of the regency is one act.

mod acts;
mod api;
mod input;
pub mod store;

pub use api::{configure, EventsDoc};
