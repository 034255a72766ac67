//! Families (Kartu Keluarga): the card, its head and members, and splitting a card (pecah KK).

pub(crate) mod routes;
pub mod store;

pub use routes::{configure, FamiliesDoc};
