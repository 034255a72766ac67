use actix_web::{web, HttpResponse};
use sid_core::{AppState, Desa};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    paths(list_desa),
    components(schemas(Desa, sid_core::tenant::Kecamatan))
)]
pub struct DesaDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/desa", web::get().to(list_desa));
}

/// All desa of Kabupaten Serang (not paginated: 326 rows).
#[utoipa::path(get, path = "/api/v1/desa", tag = "desa",
    responses((status = 200, description = "Semua desa", body = Vec<Desa>)))]
async fn list_desa(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(state.directory.all().as_slice())
}
