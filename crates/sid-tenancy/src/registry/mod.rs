//! The desa registry: the 326 desa of Kabupaten Serang, seeded from the data shipped in the
//! binary, and the public API that lists them.

mod api;
mod seed;
mod slug;

pub use api::{configure, DesaDoc};
pub use seed::{seed, SeedReport};
