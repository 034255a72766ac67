//! Families (Kartu Keluarga): the card, its head and members, splitting a card (pecah KK) and
//! merging one into another (gabung KK).

mod api;
mod pages;
mod reading;
pub mod store;

pub use api::{configure, FamiliesDoc};
pub use pages::configure as configure_pages;
