//! The tenant router: the desa registry, resolving the desa of each request, mounting every
//! domain crate beneath it, identity over HTTP, and Diskominfo's regency-wide view.

pub mod identity;
mod kabupaten;
mod pages;
pub mod registry;
mod router;

use actix_web::web;
use utoipa::OpenApi;

pub use router::tenant_scope;

/// Every route of the product, desa routes under the tenant router.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .configure(identity::configure_api)
            .configure(kabupaten::configure)
            .configure(registry::configure)
            .configure(sid_population::configure_regency_api)
            .configure(sid_admin::configure_regency_api)
            .service(
                tenant_scope("/desa/{desa}")
                    .configure(identity::configure_desa_api)
                    .configure(sid_admin::configure_api)
                    .configure(sid_population::configure_api)
                    .configure(sid_catalog::configure_api),
            ),
    )
    .service(
        tenant_scope("/desa/{desa}")
            .configure(identity::configure_desa_pages)
            .configure(sid_admin::configure_pages)
            .configure(sid_population::configure_pages)
            .configure(sid_catalog::configure_pages),
    )
    .configure(sid_admin::configure_regency_pages)
    .configure(pages::configure);
}

/// The OpenAPI description of every route mounted here.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = registry::DesaDoc::openapi();
    doc.merge(identity::IdentityDoc::openapi());
    doc.merge(kabupaten::KabupatenDoc::openapi());
    doc.merge(sid_admin::openapi());
    doc.merge(sid_population::openapi());
    doc.merge(sid_catalog::openapi());
    doc
}
