//! Residents (penduduk): the record, its search, and corrections that keep the old value.

pub(crate) mod input;
pub(crate) mod routes;
pub mod search;
pub mod store;
pub mod words;

pub use input::{NewResident, ResidentInput};
pub use routes::{configure, ResidentsDoc};
pub use store::Resident;
