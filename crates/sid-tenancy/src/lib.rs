//! The tenant router and identity: the desa registry, resolving the desa of each request,
//! sign-in and accounts over HTTP, and the public pages that belong to no desa. It knows no
//! domain crate; the composition root (`src/modules.rs` of the `sid` package) mounts them.

pub mod identity;
mod pages;
pub mod registry;
mod router;

use actix_web::web;
use sid_core::Module;
use utoipa::OpenApi;

pub use router::tenant_scope;

/// The registry and identity, as the composition root mounts them.
pub const MODULE: Module = Module {
    api: identity::configure_desa_api,
    pages: identity::configure_desa_pages,
    regency_api: configure_regency_api,
    regency_pages: pages::configure,
    openapi,
    ..Module::new("tenancy")
};

/// Routes under `/api/v1` that need no desa.
fn configure_regency_api(cfg: &mut web::ServiceConfig) {
    identity::configure_api(cfg);
    registry::configure(cfg);
}

fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = registry::DesaDoc::openapi();
    doc.merge(identity::IdentityDoc::openapi());
    doc
}
