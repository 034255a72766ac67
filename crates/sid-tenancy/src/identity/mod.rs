//! Identity over HTTP: sign-in, sign-out, the current user, password change, and accounts.

mod accounts;
mod api;
mod pages;

pub use accounts::create_user;
pub use api::{configure_api, configure_desa_api, IdentityDoc};
pub use pages::configure as configure_desa_pages;
