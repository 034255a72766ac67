//! Families (Kartu Keluarga): the card, its head and members, and splitting a card (pecah KK).

mod api;
mod pages;
mod reading;
pub mod store;

pub use api::{configure, FamiliesDoc};
pub use pages::configure as configure_pages;
