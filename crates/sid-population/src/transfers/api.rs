use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::fields::Text;
use sid_core::http::Json;
use sid_core::pagination::Page;
use sid_core::{AppState, Result};
use utoipa::OpenApi;

use super::acts;
use super::reading::{read_page, shown_as, Filter, ListQuery, TransferView};
use super::status::{Direction, Status};
use super::store::{self, Transfer};

#[derive(OpenApi)]
#[openapi(
    paths(list, get, transition),
    components(schemas(TransferView, Transfer, Answer, Status, Direction))
)]
pub struct TransfersDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/transfers", web::get().to(list))
        .route("/transfers/{id}", web::get().to(get))
        .route("/transfers/{id}/transition", web::post().to(transition));
}

/// The desa's moves to and from other desa of the regency, newest first.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/transfers", tag = "penduduk",
    params(("desa" = String, Path), ListQuery),
    responses((status = 200, body = Page<TransferView>), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let filter = Filter::parse(query.into_inner())?;
    Ok(HttpResponse::Ok().json(read_page(&state, &staff, filter).await?))
}

/// One transfer.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/transfers/{id}", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = TransferView), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let transfer = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let t = store::require(w.conn, w.tenant, &id)?;
            w.audit("transfer.view", &shown_as(&t), &t.name)?;
            Ok(t)
        })
        .await?;
    Ok(HttpResponse::Ok().json(TransferView::new(transfer, &state.directory.all())?))
}

/// The answer to a transfer.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// `diterima` or `ditolak` (the destination desa), `dibatalkan` (the origin).
    pub to: Status,
    /// Required when refusing: why, for the origin desa.
    #[schema(value_type = Option<String>)]
    pub reason: Option<Text<300>>,
}

/// Accepts (the person then moves, with their history), refuses with a reason, or cancels a
/// transfer. A move not allowed from the current status is a 409; a move this desa's side may
/// not make is a 403.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/transfers/{id}/transition", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = Answer,
    responses((status = 200, body = TransferView), (status = 400), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
pub async fn transition(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<Answer>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(Answer { to, reason }) = body;
    let reason = reason.and_then(|r| r.0);
    let here = staff.desa.clone();
    let registry = state.directory.all();
    let registry_in = registry.clone();
    let transfer = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            acts::answer(w, &id, to, reason, &here, &registry_in)
        })
        .await?;
    Ok(HttpResponse::Ok().json(TransferView::new(transfer, &registry)?))
}
