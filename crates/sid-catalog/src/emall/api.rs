//! The e-mall as JSON, for anyone.

use actix_web::{web, HttpResponse};
use sid_core::pagination::Page;
use sid_core::{AppState, Result};
use utoipa::OpenApi;

use super::listing::{read, EmallHit, EmallQuery};

#[derive(OpenApi)]
#[openapi(paths(products), components(schemas(EmallHit)))]
pub struct EmallDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/emall/products", web::get().to(products));
}

/// Products of every active desa: published and available only. With `q`, by relevance
/// (every word must match); without, newest first.
#[utoipa::path(get, path = "/api/v1/emall/products", tag = "produk",
    params(EmallQuery),
    responses((status = 200, body = Page<EmallHit>), (status = 400)))]
pub async fn products(
    state: web::Data<AppState>,
    query: web::Query<EmallQuery>,
) -> Result<HttpResponse> {
    let (search, page) = query.parse(&state.directory)?;
    let (items, total) = read(&state, search, page).await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}
