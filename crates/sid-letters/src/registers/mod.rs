//! The desa's letter registers beside the villagers' requests: letters received (buku agenda
//! surat masuk, with the scan and the disposition) and letters the desa sends on its own
//! account, numbered in the same sequences as signed letters.

mod api;
mod direction;
mod pages;
mod store;

pub use api::{configure as configure_api, RegistersDoc};
pub use pages::configure as configure_pages;
pub use store::undisposed;
