//! The desa's data-quality findings as JSON.

use actix_web::{web, HttpResponse};
use sid_core::auth::Staff;
use sid_core::{AppState, Result};
use utoipa::OpenApi;

use super::{Finding, Quality};

#[derive(OpenApi)]
#[openapi(paths(quality), components(schemas(Quality, Finding)))]
pub struct QualityDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quality", web::get().to(quality));
}

/// Records that need attention, each with its reason and the page that fixes it. Audited.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/quality", tag = "penduduk",
    params(("desa" = String, Path)),
    responses((status = 200, body = Quality), (status = 403)), security(("bearer" = [])))]
pub async fn quality(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse> {
    let slug = staff.desa.slug.clone();
    let found = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            super::check(w, &slug)
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}
