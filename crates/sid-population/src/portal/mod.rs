//! The villager's own data (the data subject's right of access, UU PDP No. 27/2022): their
//! record and family as the desa holds them, who viewed or changed the record and when, and
//! flags on fields they find wrong, which the desa's staff see and settle.

use crate::residents::{store as residents, Resident};
use actix_web::{web, HttpResponse};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sid_core::audit::{self, Entry};
use sid_core::auth::{Staff, Warga};
use sid_core::db::DbConn;
use sid_core::fields::Required;
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::schema::data_flags;
use sid_core::{ids, AppState, Error, Result, TenantId};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    paths(my_data, my_access_log, flag, flags, resolve),
    components(schemas(MyData, Member, Flag, NewFlag))
)]
pub struct PortalDoc;

pub fn configure_pages(cfg: &mut web::ServiceConfig) {
    cfg.route("/layanan/data", web::get().to(my_data_page));
}

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/warga/me", web::get().to(my_data))
        .route("/warga/me/access-log", web::get().to(my_access_log))
        .route("/warga/me/flags", web::post().to(flag))
        .route("/data-flags", web::get().to(flags))
        .route("/data-flags/{id}/resolve", web::post().to(resolve));
}

#[derive(askama::Template)]
#[template(path = "data_saya.html")]
struct MyDataPage {
    nav: sid_core::page::Nav,
    desa: sid_core::Desa,
    d: MyData,
    facts: Vec<(&'static str, String)>,
    log: Vec<Entry>,
    fields: &'static [&'static str],
}

/// The villager's page of their own data, who looked at it, and the form to flag a field.
async fn my_data_page(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    warga: Warga,
) -> Result<HttpResponse> {
    let me = warga.resident_id.clone();
    let (d, log) = state
        .db
        .tenant_read(&warga.desa.tenant, move |conn, tenant| {
            let page = PageParams::parse(&PageQuery {
                page: Some(1),
                per_page: Some(50),
            })?;
            Ok((
                load(conn, tenant, &me)?,
                audit::list(conn, tenant, Some(&me), &page)?.0,
            ))
        })
        .await?;
    let r = &d.resident;
    let code = |list: &str, c: i32| crate::codes::name(list, c).unwrap_or("-").to_string();
    let facts = vec![
        ("NIK", r.nik.clone()),
        ("Nama", r.name.clone()),
        ("Jenis kelamin", code("jenis_kelamin", r.sex)),
        (
            "Tempat, tanggal lahir",
            format!("{}, {}", r.birth_place, r.birth_date.format("%d-%m-%Y")),
        ),
        ("Agama", code("agama", r.religion)),
        ("Pendidikan", code("pendidikan_kk", r.education)),
        ("Pekerjaan", code("pekerjaan", r.occupation)),
        (
            "Status perkawinan",
            code("status_perkawinan", r.marital_status),
        ),
        ("Alamat", r.address.clone().unwrap_or_default()),
        ("Nama ayah", r.father_name.clone().unwrap_or_default()),
        ("Nama ibu", r.mother_name.clone().unwrap_or_default()),
        ("Telepon", r.phone.clone().unwrap_or_default()),
        ("Email", r.email.clone().unwrap_or_default()),
    ];
    let page = MyDataPage {
        nav: sid_core::page::Nav::new(&req, Some(&warga.caller)),
        desa: warga.desa,
        d,
        facts,
        log,
        fields: &FIELDS,
    };
    sid_core::page::render(&page, &page.nav)
}

/// Fields a villager can flag.
const FIELDS: [&str; 14] = [
    "nik",
    "name",
    "sex",
    "birth_place",
    "birth_date",
    "religion",
    "education",
    "occupation",
    "marital_status",
    "address",
    "father_name",
    "mother_name",
    "phone",
    "email",
];

#[derive(Serialize, utoipa::ToSchema)]
pub struct Member {
    pub name: String,
    pub nik: String,
    /// Relationship in the family (SHDK).
    pub relationship: String,
    pub birth_date: chrono::NaiveDate,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MyData {
    #[schema(value_type = Object)]
    pub resident: Resident,
    pub family: Vec<Member>,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = data_flags)]
pub struct Flag {
    pub id: String,
    pub resident_id: String,
    pub field: String,
    pub note: String,
    pub created_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
}

pub fn flags_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    resident: Option<&str>,
    open_only: bool,
) -> Result<Vec<Flag>> {
    let mut q = data_flags::table
        .filter(data_flags::desa_id.eq(tenant.as_str()))
        .into_boxed();
    if let Some(r) = resident {
        q = q.filter(data_flags::resident_id.eq(r.to_string()));
    }
    if open_only {
        q = q.filter(data_flags::resolved_at.is_null());
    }
    Ok(q.order(data_flags::id.desc())
        .limit(500)
        .select(Flag::as_select())
        .load(conn)?)
}

/// The villager's record, family and flags.
fn load(conn: &mut DbConn, tenant: &TenantId, me: &str) -> Result<MyData> {
    let resident = residents::require(conn, tenant, me)?;
    let family = match &resident.family_id {
        Some(f) => residents::members_of(conn, tenant, f)?
            .into_iter()
            .map(|m| Member {
                relationship: crate::codes::name("shdk", m.shdk)
                    .unwrap_or("-")
                    .to_string(),
                name: m.name,
                nik: m.nik,
                birth_date: m.birth_date,
            })
            .collect(),
        None => Vec::new(),
    };
    let flags = flags_of(conn, tenant, Some(me), false)?;
    Ok(MyData {
        resident,
        family,
        flags,
    })
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
            audit::list(conn, tenant, Some(&me), &page)
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
        .tenant(&warga.desa.tenant, move |conn, tenant| {
            let flag = Flag {
                id: ids::new_id(),
                resident_id: me,
                field,
                note: note.0,
                created_at: Utc::now().naive_utc(),
                resolved_at: None,
            };
            diesel::insert_into(data_flags::table)
                .values((
                    data_flags::desa_id.eq(tenant.as_str()),
                    data_flags::id.eq(&flag.id),
                    data_flags::resident_id.eq(&flag.resident_id),
                    data_flags::field.eq(&flag.field),
                    data_flags::note.eq(&flag.note),
                    data_flags::created_at.eq(flag.created_at),
                ))
                .execute(conn)?;
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
    let actor = staff.caller.user;
    state
        .db
        .tenant(&staff.desa.tenant, move |conn, tenant| {
            let n = diesel::update(
                data_flags::table
                    .filter(data_flags::desa_id.eq(tenant.as_str()))
                    .filter(data_flags::id.eq(&id))
                    .filter(data_flags::resolved_at.is_null()),
            )
            .set((
                data_flags::resolved_at.eq(Utc::now().naive_utc()),
                data_flags::resolved_by.eq(&actor.id),
            ))
            .execute(conn)?;
            if n == 0 {
                return Err(Error::NotFound(
                    "Tanda data salah yang masih terbuka".into(),
                ));
            }
            audit::record(conn, tenant, &actor, "data.flag.resolve", &id, "")
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
