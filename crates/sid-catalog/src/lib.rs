//! Products of each desa (produk unggulan, UMKM) and the regency e-mall. Mounted under the tenant router now so that its routes arrive with isolation in place.

use actix_web::web;

/// API routes under `/api/v1/desa/{desa}`.
pub fn configure_api(_cfg: &mut web::ServiceConfig) {}

/// Page routes under `/desa/{desa}`.
pub fn configure_pages(_cfg: &mut web::ServiceConfig) {}

/// The OpenAPI description of this crate's routes.
pub fn openapi() -> utoipa::openapi::OpenApi {
    utoipa::openapi::OpenApiBuilder::new().build()
}
