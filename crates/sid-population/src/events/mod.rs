//! Population events (peristiwa kependudukan): birth, death, moving out, moving in, missing.
//! Each changes a resident's status and is written to the mutation book (Buku Mutasi) with its
//! report date and event date. A move between two desa of the regency is one act.

mod input;
mod routes;
pub mod store;

pub use routes::{configure, month_range, EventsDoc};
