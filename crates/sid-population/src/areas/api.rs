//! The areas of a desa over HTTP.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::fields::Required;
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{ids, AppState, Result};
use utoipa::OpenApi;

use super::{store, Area, Number};

#[derive(OpenApi)]
#[openapi(paths(list, create), components(schemas(Area, AreaInput)))]
pub struct AreasDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/areas", web::get().to(list))
        .route("/areas", web::post().to(create));
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaInput {
    #[schema(value_type = String, example = "Dusun Krajan")]
    dusun: Required<60>,
    #[schema(value_type = String, example = "001")]
    rw: Number,
    #[schema(value_type = String, example = "002")]
    rt: Number,
}

/// The dusun, RW and RT of a desa.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/areas", tag = "penduduk",
    params(("desa" = String, Path), PageQuery),
    responses((status = 200, body = Page<Area>), (status = 403)), security(("bearer" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let page = PageParams::parse(&query)?;
    let (items, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, &page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

/// Adds an RT (with its RW and dusun).
#[utoipa::path(post, path = "/api/v1/desa/{desa}/areas", tag = "penduduk",
    params(("desa" = String, Path)), request_body = AreaInput,
    responses((status = 201, body = Area), (status = 400), (status = 403), (status = 409)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<AreaInput>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let area = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let area = Area {
                id: ids::new_id(),
                dusun: input.dusun.0,
                rw: input.rw.0,
                rt: input.rt.0,
            };
            store::insert(w.conn, w.tenant, &area)?;
            let label = format!("{} RW {} RT {}", area.dusun, area.rw, area.rt);
            w.audit("area.create", &area.id, &label)?;
            Ok(area)
        })
        .await?;
    Ok(HttpResponse::Created().json(area))
}
