//! Diskominfo's view of the whole regency: every desa at once, their figures, and switching a
//! desa on or off. It sits above the domain crates, whose figures its dashboard reads through
//! the functions they export.

mod api;
mod dashboard;
mod pages;
mod store;

use sid_core::Module;
use utoipa::OpenApi;

/// The regency view, as the composition root mounts it.
pub const MODULE: Module = Module {
    regency_api: api::configure,
    regency_pages: pages::configure,
    openapi,
    ..Module::new("regency")
};

fn openapi() -> utoipa::openapi::OpenApi {
    api::KabupatenDoc::openapi()
}
