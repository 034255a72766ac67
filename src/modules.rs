//! The composition root: every module of the product, mounted in one place. Adding a module is
//! one dependency in `Cargo.toml` and one entry in `MODULES`.

use actix_web::web;
use sid_core::Module;
use sid_tenancy::tenant_scope;

/// The modules, in the order their routes are tried.
pub const MODULES: &[Module] = &[
    sid_tenancy::MODULE,
    sid_admin::MODULE,
    sid_letters::MODULE,
    sid_population::MODULE,
    sid_catalog::MODULE,
    sid_regency::MODULE,
];

/// Every route of every module: desa routes behind the tenant router, which resolves the desa
/// of the path and refuses an unknown or inactive one before any module sees the request.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut api = web::scope("/api/v1");
    for m in MODULES {
        api = api.configure(m.regency_api);
    }
    let mut desa_api = tenant_scope("/desa/{desa}");
    let mut desa_pages = tenant_scope("/desa/{desa}");
    for m in MODULES {
        desa_api = desa_api.configure(m.api);
        desa_pages = desa_pages.configure(m.pages);
    }
    let work = sid_core::work::WorkSources(MODULES.iter().map(|m| m.work).collect());
    let facts = sid_core::facts::FactSources(MODULES.iter().map(|m| m.facts).collect());
    cfg.app_data(web::Data::new(work))
        .app_data(web::Data::new(facts))
        .service(api.service(desa_api))
        .service(desa_pages);
    for m in MODULES {
        cfg.configure(m.regency_pages);
    }
}

/// The OpenAPI description of every module's routes.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = utoipa::openapi::OpenApiBuilder::new().build();
    for m in MODULES {
        doc.merge((m.openapi)());
    }
    doc
}
