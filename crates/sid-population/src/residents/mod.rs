//! Residents (penduduk): the record, its search, and corrections that keep the old value.

mod api;
pub(crate) mod input;
mod pages;
pub(crate) mod placement;
mod reading;
pub mod search;
pub mod store;
pub mod words;

pub use api::{configure, ResidentsDoc};
pub use input::{NewResident, ResidentInput};
pub use pages::configure as configure_pages;
pub use store::Resident;
