//! The desa's public profile: registry data plus what the desa writes about itself.

mod pages;
mod routes;
pub(crate) mod store;

pub use pages::configure as configure_pages;
pub use routes::{configure as configure_api, ProfileDoc};
