//! What a domain crate tells the composition root about itself, so that adding a module to the
//! product is one entry in one list (`src/modules.rs` of the `sid` package).

use actix_web::web::ServiceConfig;
use utoipa::openapi::OpenApi;

use crate::facts::{self, FactFn};
use crate::work::{self, WorkFn};

/// A module's routes and documentation. Each part defaults to nothing, so a module states only
/// what it has: `Module { api: routes::configure, ..Module::new("nama") }`.
#[derive(Clone, Copy)]
pub struct Module {
    /// For logs and the README: the crate's short name.
    pub name: &'static str,
    /// JSON routes under `/api/v1/desa/{desa}`, behind the tenant router.
    pub api: fn(&mut ServiceConfig),
    /// Pages under `/desa/{desa}`, behind the tenant router.
    pub pages: fn(&mut ServiceConfig),
    /// JSON routes under `/api/v1` that belong to no one desa.
    pub regency_api: fn(&mut ServiceConfig),
    /// Pages that belong to no one desa.
    pub regency_pages: fn(&mut ServiceConfig),
    /// The OpenAPI description of every JSON route above.
    pub openapi: fn() -> OpenApi,
    /// The module's open work in a desa, for the staff's home.
    pub work: WorkFn,
    /// The module's figures of a desa, for its public site.
    pub facts: FactFn,
}

fn nothing(_: &mut ServiceConfig) {}

fn no_paths() -> OpenApi {
    utoipa::openapi::OpenApiBuilder::new().build()
}

impl Module {
    /// A module with no routes yet.
    pub const fn new(name: &'static str) -> Module {
        Module {
            name,
            api: nothing,
            pages: nothing,
            regency_api: nothing,
            regency_pages: nothing,
            openapi: no_paths,
            work: work::none,
            facts: facts::none,
        }
    }
}
