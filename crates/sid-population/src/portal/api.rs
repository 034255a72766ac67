//! The villager's own data over HTTP, and the staff's view of the flags.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::audit::Entry;
use sid_core::auth::{Staff, Warga};
use sid_core::fields::Required;
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{ids, AppState, Error, Result};
use utoipa::OpenApi;

use super::store::{self, flags_of, Flag};
use super::{access_log, load, Member, MyData, FIELDS};

#[derive(OpenApi)]
#[openapi(
    paths(my_data, my_access_log, flag, flags, resolve),
    components(schemas(MyData, Member, Flag, NewFlag))
)]
pub struct PortalDoc;

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/warga/me", web::get().to(my_data))
        .route("/warga/me/access-log", web::get().to(my_access_log))
        .route("/warga/me/flags", web::post().to(flag))
        .route("/data-flags", web::get().to(flags))
        .route("/data-flags/{id}/resolve", web::post().to(resolve));
}

/// The villager's own record and family as the desa holds them, and their open flags.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/warga/me", tag = "warga",
    params(("desa" = String, Path)), responses((status = 200, body = MyData), (status = 403)),
    security(("bearer" = [])))]
pub async fn my_data(state: web::Data<AppState>, warga: Warga) -> Result<HttpResponse> {
    let me = warga.resident_id.clone();
    let data = state
        .db
        .tenant_read(&warga.desa.tenant, move |conn, tenant| {
            load(conn, tenant, &me)
        })
        .await?;
    Ok(HttpResponse::Ok().json(data))
}

/// Who at the desa or the regency viewed or changed the villager's record, and when.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/warga/me/access-log", tag = "warga",
    params(("desa" = String, Path), PageQuery),
    responses((status = 200, body = Page<Entry>), (status = 403)), security(("bearer" = [])))]
pub async fn my_access_log(
    state: web::Data<AppState>,
    warga: Warga,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let page = PageParams::parse(&query.into_inner())?;
    let me = warga.resident_id.clone();
    let (items, total) = state
        .db
        .tenant_read(&warga.desa.tenant, move |conn, tenant| {
            access_log(conn, tenant, &me, &page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFlag {
    /// The field that is wrong, e.g. `birth_date`.
    field: String,
    /// What is wrong and what is right.
    #[schema(value_type = String)]
    note: Required<500>,
}

/// The villager flags a field of their record as wrong; the desa's staff see the flag.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/warga/me/flags", tag = "warga",
    params(("desa" = String, Path)), request_body = NewFlag,
    responses((status = 201, body = Flag), (status = 400), (status = 403)), security(("bearer" = [])))]
pub async fn flag(
    state: web::Data<AppState>,
    warga: Warga,
    body: Json<NewFlag>,
) -> Result<HttpResponse> {
    let Json(NewFlag { field, note }) = body;
    if !FIELDS.contains(&field.as_str()) {
        return Err(Error::invalid(
            "field",
            format!("pilihan: {}", FIELDS.join(", ")),
        ));
    }
    let me = warga.resident_id.clone();
    let flag = state
        .db
        .write(&warga.desa.tenant, &warga.caller.user, move |w| {
            let flag = Flag {
                id: ids::new_id(),
                resident_id: me,
                field,
                note: note.0,
                created_at: w.now,
                resolved_at: None,
            };
            store::insert_flag(w.conn, w.tenant, &flag)?;
            Ok(flag)
        })
        .await?;
    Ok(HttpResponse::Created().json(flag))
}

/// Open flags of the desa's villagers, newest first.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/data-flags", tag = "warga",
    params(("desa" = String, Path)), responses((status = 200, body = [Flag]), (status = 403)),
    security(("bearer" = [])))]
pub async fn flags(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse> {
    let open = state
        .db
        .tenant_read(&staff.desa.tenant, |conn, tenant| {
            flags_of(conn, tenant, None, true)
        })
        .await?;
    Ok(HttpResponse::Ok().json(open))
}

/// Staff settle a flag (after correcting the record, or finding it right).
#[utoipa::path(post, path = "/api/v1/desa/{desa}/data-flags/{id}/resolve", tag = "warga",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
pub async fn resolve(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            if !store::resolve_flag(w.conn, w.tenant, &id, &w.actor.id, w.now)? {
                return Err(Error::NotFound(
                    "Tanda data salah yang masih terbuka".into(),
                ));
            }
            w.audit("data.flag.resolve", &id, "")
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
