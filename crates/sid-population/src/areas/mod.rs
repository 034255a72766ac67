//! The areas of a desa: dusun, RW and RT. A resident lives in an RT.

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sid_core::auth::Staff;
use sid_core::db::DbConn;
use sid_core::fields::Required;
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::schema::areas;
use sid_core::{audit, ids, AppState, Error, Result, TenantId};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(paths(list, create), components(schemas(Area, AreaInput)))]
pub struct AreasDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/areas", web::get().to(list))
        .route("/areas", web::post().to(create));
}

/// RW and RT numbers are kept as three digits (`001`), as on the KK.
pub fn pad(s: &str) -> String {
    format!("{:0>3}", s.trim())
}

/// An RW or RT number: 1 to 3 digits, not zero.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Number(pub String);

impl TryFrom<String> for Number {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Number, String> {
        let t = s.trim();
        let ok = (1..=3).contains(&t.len())
            && t.chars().all(|c| c.is_ascii_digit())
            && t.parse::<u32>().is_ok_and(|n| n > 0);
        if ok {
            Ok(Number(pad(t)))
        } else {
            Err("nomor 1 sampai 3 digit, bukan 0 (contoh: 001)".into())
        }
    }
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = areas)]
pub struct Area {
    pub id: String,
    pub dusun: String,
    pub rw: String,
    pub rt: String,
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

/// The area exists in this desa (an id from another desa does not).
pub fn require(conn: &mut DbConn, tenant: &TenantId, id: &str, field: &str) -> Result<Area> {
    areas::table
        .filter(areas::desa_id.eq(tenant.as_str()))
        .filter(areas::id.eq(id))
        .select(Area::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::invalid(field, "RT tidak ditemukan di desa ini"))
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
            let filter = areas::table.filter(areas::desa_id.eq(tenant.as_str()));
            let total: i64 = filter.count().get_result(conn)?;
            let items = filter
                .select(Area::as_select())
                .order((areas::dusun, areas::rw, areas::rt))
                .limit(page.limit())
                .offset(page.offset())
                .load(conn)?;
            Ok((items, total))
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
    let actor = staff.caller.user;
    let area = state
        .db
        .tenant(&staff.desa.tenant, move |conn, tenant| {
            let area = Area {
                id: ids::new_id(),
                dusun: input.dusun.0,
                rw: input.rw.0,
                rt: input.rt.0,
            };
            let taken: i64 = areas::table
                .filter(areas::desa_id.eq(tenant.as_str()))
                .filter(areas::dusun.eq(&area.dusun))
                .filter(areas::rw.eq(&area.rw))
                .filter(areas::rt.eq(&area.rt))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                return Err(Error::Conflict(format!(
                    "RT {}/RW {} di {} sudah ada.",
                    area.rt, area.rw, area.dusun
                )));
            }
            diesel::insert_into(areas::table)
                .values((
                    areas::desa_id.eq(tenant.as_str()),
                    areas::id.eq(&area.id),
                    areas::dusun.eq(&area.dusun),
                    areas::rw.eq(&area.rw),
                    areas::rt.eq(&area.rt),
                ))
                .execute(conn)?;
            let label = format!("{} RW {} RT {}", area.dusun, area.rw, area.rt);
            audit::record(conn, tenant, &actor, "area.create", &area.id, &label)?;
            Ok(area)
        })
        .await?;
    Ok(HttpResponse::Created().json(area))
}
