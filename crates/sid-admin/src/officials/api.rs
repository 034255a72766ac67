//! Officials over HTTP: the list for anyone, changes and photos for the desa's staff.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::fields::Required;
use sid_core::http::Json;
use sid_core::{ids, photos, AppState, Desa, Error, Result};
use utoipa::OpenApi;

use super::store::{self, Official};
use super::{all, Body, OfficialView};

#[derive(OpenApi)]
#[openapi(
    paths(list, create, update, remove, set_photo),
    components(schemas(OfficialView, NewOfficial, OfficialUpdate, Body))
)]
pub struct OfficialsDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/officials", web::get().to(list))
        .route("/officials", web::post().to(create))
        .route("/officials/{id}", web::patch().to(update))
        .route("/officials/{id}", web::delete().to(remove))
        .route("/officials/{id}/photo", web::put().to(set_photo));
}

/// A place in a body's order: 1 to 99.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "i32")]
pub struct Order(i32);

impl TryFrom<i32> for Order {
    type Error = String;
    fn try_from(n: i32) -> std::result::Result<Order, String> {
        if (1..=99).contains(&n) {
            Ok(Order(n))
        } else {
            Err("urutan 1 sampai 99".into())
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOfficial {
    pub body: Body,
    #[schema(value_type = String, example = "H. Ahmad Suhaemi")]
    pub name: Required<120>,
    #[schema(value_type = String, example = "Kepala Desa")]
    pub title: Required<120>,
    #[schema(value_type = i32, example = 1)]
    pub position: Order,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
}

/// Fields to change; an absent field stays as it is.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfficialUpdate {
    pub body: Option<Body>,
    #[schema(value_type = Option<String>)]
    pub name: Option<Required<120>>,
    #[schema(value_type = Option<String>)]
    pub title: Option<Required<120>>,
    #[schema(value_type = Option<i32>)]
    pub position: Option<Order>,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
}

/// A term may not end before it starts.
fn check_term(o: &Official) -> Result<()> {
    match (o.term_start, o.term_end) {
        (Some(start), Some(end)) if end < start => Err(Error::invalid(
            "term_end",
            "akhir masa jabatan tidak boleh sebelum awalnya",
        )),
        _ => Ok(()),
    }
}

/// The desa's officials: the perangkat desa first, then the BPD, each in its order.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/officials", tag = "situs desa",
    params(("desa" = String, Path)),
    responses((status = 200, body = Vec<OfficialView>), (status = 404)))]
pub async fn list(state: web::Data<AppState>, desa: Desa) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(all(&state, &desa).await?))
}

#[utoipa::path(post, path = "/api/v1/desa/{desa}/officials", tag = "situs desa",
    params(("desa" = String, Path)), request_body = NewOfficial,
    responses((status = 201, body = OfficialView), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<NewOfficial>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let o = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let o = Official {
                desa_id: w.tenant.as_str().to_string(),
                id: ids::new_id(),
                body: input.body.code().to_string(),
                name: input.name.0,
                title: input.title.0,
                position: input.position.0,
                term_start: input.term_start,
                term_end: input.term_end,
                photo_width: None,
                photo_height: None,
                created_at: w.now,
                updated_at: w.now,
            };
            check_term(&o)?;
            store::insert(w.conn, &o)?;
            w.audit("official.create", &o.id, &o.name)?;
            Ok(o)
        })
        .await?;
    let view = OfficialView::new(&state.public_url, &staff.desa, o);
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(patch, path = "/api/v1/desa/{desa}/officials/{id}", tag = "situs desa",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = OfficialUpdate,
    responses((status = 200, body = OfficialView), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<OfficialUpdate>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(change) = body;
    let o = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let mut o = store::find(w.conn, w.tenant, &id)?;
            let mut changed = Vec::new();
            macro_rules! set {
                ($($field:ident => $value:expr),* $(,)?) => {$(
                    if let Some(v) = change.$field {
                        o.$field = $value(v);
                        changed.push(stringify!($field));
                    }
                )*};
            }
            set!(
                body => |v: Body| v.code().to_string(),
                name => |v: Required<120>| v.0,
                title => |v: Required<120>| v.0,
                position => |v: Order| v.0,
                term_start => Some,
                term_end => Some,
            );
            if changed.is_empty() {
                return Err(Error::BadRequest("Tidak ada yang diubah.".into()));
            }
            check_term(&o)?;
            o.updated_at = w.now;
            store::save(w.conn, w.tenant, &o)?;
            w.audit("official.update", &o.id, &changed.join(","))?;
            Ok(o)
        })
        .await?;
    Ok(HttpResponse::Ok().json(OfficialView::new(&state.public_url, &staff.desa, o)))
}

#[utoipa::path(delete, path = "/api/v1/desa/{desa}/officials/{id}", tag = "situs desa",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
pub async fn remove(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let gone = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let o = store::find(w.conn, w.tenant, &id)?;
            store::delete(w.conn, w.tenant, &o.id)?;
            w.audit("official.delete", &o.id, &o.name)?;
            Ok(o.photo_width.is_some().then_some(o.id))
        })
        .await?;
    if let Some(id) = gone {
        photos::remove(&state.files, &staff.desa.tenant, &id)?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// The official's photo (JPEG, PNG or WebP, at most 8 MiB and 4096 pixels a side), kept
/// re-encoded without its metadata in two widths; a new one replaces the old.
#[utoipa::path(put, path = "/api/v1/desa/{desa}/officials/{id}/photo", tag = "situs desa",
    params(("desa" = String, Path), ("id" = String, Path)),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 200, body = OfficialView), (status = 403), (status = 404), (status = 413),
        (status = 415), (status = 422)),
    security(("bearer" = [])))]
pub async fn set_photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let prepared = photos::receive(&req, payload).await?;
    let files = state.files.clone();
    let (width, height) = (prepared.width, prepared.height);
    let (o, staged) = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let mut o = store::find(w.conn, w.tenant, &id)?;
            (o.photo_width, o.photo_height) = (Some(width), Some(height));
            o.updated_at = w.now;
            store::save(w.conn, w.tenant, &o)?;
            let staged = photos::stage(&files, w.tenant, &o.id, &prepared)?;
            w.audit("official.photo", &o.id, &o.name)?;
            Ok((o, staged))
        })
        .await?;
    staged.into_iter().for_each(|s| s.keep());
    Ok(HttpResponse::Ok().json(OfficialView::new(&state.public_url, &staff.desa, o)))
}
