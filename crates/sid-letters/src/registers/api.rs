//! The registers' JSON routes: list, enter and read received and sent letters, the disposition
//! of a received one, and each letter's scan.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::fields::{Required, Text};
use sid_core::files::{FileKey, Staged};
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams};
use sid_core::{clock, ids, AppState, Desa, Error, Result};

use utoipa::OpenApi;

use super::direction::{Classification, Direction};
use super::store::{self, Entry, NewEntry};
use crate::{numbering, scans, store as letters, upload_quota};

#[derive(OpenApi)]
#[openapi(
    paths(list, get, receive, send, dispose, upload_scan, download_scan),
    components(schemas(Entry, Received, Sent, Disposition))
)]
pub struct RegistersDoc;

/// Routes under `/api/v1/desa/{desa}`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    const REGISTER: &str = "/{register:incoming-letters|outgoing-letters}";
    cfg.route("/incoming-letters", web::post().to(receive))
        .route("/outgoing-letters", web::post().to(send))
        .route(REGISTER, web::get().to(list))
        .route(&format!("{REGISTER}/{{id}}"), web::get().to(get))
        .route("/incoming-letters/{id}/disposition", web::put().to(dispose))
        .route(
            &format!("{REGISTER}/{{id}}/scan"),
            web::post().to(upload_scan),
        )
        .route(
            &format!("{REGISTER}/{{id}}/scan"),
            web::get().to(download_scan),
        );
}

/// A register as its path names it.
#[derive(Debug, Clone, Copy, Deserialize)]
pub enum Register {
    #[serde(rename = "incoming-letters")]
    Incoming,
    #[serde(rename = "outgoing-letters")]
    Outgoing,
}

impl Register {
    fn direction(self) -> Direction {
        match self {
            Register::Incoming => Direction::Masuk,
            Register::Outgoing => Direction::Keluar,
        }
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegisterQuery {
    /// The register's year; the current one by default.
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    year: Option<i32>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    per_page: Option<i64>,
}

/// One year of a register (`incoming-letters` or `outgoing-letters`), newest first.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/{register}", tag = "surat",
    params(("desa" = String, Path), ("register" = String, Path, description = "incoming-letters atau outgoing-letters"), RegisterQuery),
    responses((status = 200, body = Page<Entry>), (status = 403)),
    security(("bearer" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, Register)>,
    query: web::Query<RegisterQuery>,
) -> Result<HttpResponse> {
    let direction = path.1.direction();
    let q = query.into_inner();
    let page = PageParams::parse(&sid_core::pagination::PageQuery {
        page: q.page,
        per_page: q.per_page,
    })?;
    let year = q.year.unwrap_or_else(|| clock::today().year());
    let (items, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, direction, year, &page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

/// One letter of a register.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/{register}/{id}", tag = "surat",
    params(("desa" = String, Path), ("register" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Entry), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn get(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, Register, String)>,
) -> Result<HttpResponse> {
    let (_, register, id) = path.into_inner();
    let entry = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::require(conn, tenant, register.direction(), &id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(entry))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Received {
    #[schema(value_type = String, example = "Camat Kramatwatu")]
    sender: Required<150>,
    /// The sender's number of the letter.
    #[schema(value_type = String, example = "005/123/Kec.Krwt/2026")]
    number: Required<80>,
    /// The date written on the letter.
    dated: NaiveDate,
    /// When it arrived; today by default.
    received_on: Option<NaiveDate>,
    #[schema(value_type = String)]
    subject: Required<300>,
    #[schema(value_type = Option<String>)]
    disposition: Option<Text<500>>,
}

/// Enters a received letter in the agenda of surat masuk: it takes the next agenda number of
/// the year.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/incoming-letters", tag = "surat",
    params(("desa" = String, Path)), request_body = Received,
    responses((status = 201, body = Entry), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn receive(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<Received>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let entry = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let today = w.today();
            let received_on = input.received_on.unwrap_or(today);
            if received_on > today {
                return Err(Error::invalid(
                    "received_on",
                    "tidak boleh setelah hari ini",
                ));
            }
            if input.dated > received_on {
                return Err(Error::invalid(
                    "dated",
                    "tanggal surat tidak boleh setelah tanggal diterima",
                ));
            }
            let year = today.year();
            let no = numbering::next(w.conn, w.tenant, Direction::AGENDA_SCOPE, year)?;
            let disposition = input.disposition.and_then(|Text(t)| t);
            let id = store::insert(
                w.conn,
                w.tenant,
                &NewEntry {
                    direction: Direction::Masuk,
                    scope: Direction::AGENDA_SCOPE,
                    year,
                    sequence_no: no,
                    number: &input.number.0,
                    counterpart: &input.sender.0,
                    dated: input.dated,
                    received_on: Some(received_on),
                    classification: None,
                    subject: &input.subject.0,
                    disposition: disposition.as_deref(),
                },
                &w.actor.id,
                w.now,
            )?;
            w.audit("letter.in.create", &id, &format!("agenda {no}/{year}"))?;
            store::require(w.conn, w.tenant, Direction::Masuk, &id)
        })
        .await?;
    Ok(HttpResponse::Created().json(entry))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Sent {
    /// The classification code printed as `[kode_surat]` of the number, e.g. `005` or `140.1`.
    #[schema(value_type = String, example = "005")]
    classification: Classification,
    #[schema(value_type = String, example = "Camat Kramatwatu")]
    recipient: Required<150>,
    #[schema(value_type = String)]
    subject: Required<300>,
}

/// Registers a letter the desa sends on its own account and gives it its number, from the same
/// sequence as the desa's signed letters when it keeps one sequence for all.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/outgoing-letters", tag = "surat",
    params(("desa" = String, Path)), request_body = Sent,
    responses((status = 201, body = Entry), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn send(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<Sent>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let desa: Desa = staff.desa.clone();
    let entry = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let settings = letters::settings(w.conn, w.tenant)?;
            let today = w.today();
            let scope = if settings.single_sequence {
                "*"
            } else {
                Direction::SENT_SCOPE
            };
            let sequence = numbering::next(w.conn, w.tenant, scope, today.year())?;
            let number = numbering::format_number(
                &settings.number_format,
                &numbering::NumberParts {
                    classification: input.classification.as_str(),
                    sequence,
                    desa_code: &desa.code,
                    month: today.month(),
                    year: today.year(),
                },
            );
            let id = store::insert(
                w.conn,
                w.tenant,
                &NewEntry {
                    direction: Direction::Keluar,
                    scope,
                    year: today.year(),
                    sequence_no: sequence,
                    number: &number,
                    counterpart: &input.recipient.0,
                    dated: today,
                    received_on: None,
                    classification: Some(input.classification.as_str()),
                    subject: &input.subject.0,
                    disposition: None,
                },
                &w.actor.id,
                w.now,
            )?;
            w.audit("letter.out.create", &id, &number)?;
            store::require(w.conn, w.tenant, Direction::Keluar, &id)
        })
        .await?;
    Ok(HttpResponse::Created().json(entry))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Disposition {
    /// The kepala desa's instruction: to whom, and what to do.
    #[schema(value_type = String, example = "Kasi Pemerintahan: hadiri dan laporkan")]
    disposition: Required<500>,
}

/// Records the disposition of a received letter (replacing an earlier one).
#[utoipa::path(put, path = "/api/v1/desa/{desa}/incoming-letters/{id}/disposition", tag = "surat",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = Disposition,
    responses((status = 200, body = Entry), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn dispose(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<Disposition>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(Disposition {
        disposition: Required(text),
    }) = body;
    let entry = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let e = store::require(w.conn, w.tenant, Direction::Masuk, &id)?;
            store::set_disposition(w.conn, w.tenant, &e.id, &text, w.now)?;
            w.audit("letter.in.disposition", &e.id, &text)?;
            store::require(w.conn, w.tenant, Direction::Masuk, &e.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(entry))
}

/// Attaches the letter's scan as the request body (JPEG, PNG, WebP or PDF judged by content,
/// at most 2 MiB, within the desa's quota); a letter keeps its first scan.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/{register}/{id}/scan", tag = "surat",
    params(("desa" = String, Path), ("register" = String, Path), ("id" = String, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = Entry), (status = 400), (status = 403), (status = 404),
        (status = 409), (status = 413), (status = 415)),
    security(("bearer" = [])))]
pub async fn upload_scan(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, Register, String)>,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let (_, register, id) = path.into_inner();
    let (bytes, content_type) = scans::receive(&req, payload).await?;
    let files = state.files.clone();
    let (entry, file): (Entry, Staged) = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let e = store::require(w.conn, w.tenant, register.direction(), &id)?;
            let size = bytes.len() as i32;
            upload_quota::check(w.conn, w.tenant, None, i64::from(size))?;
            let scan_id = ids::new_id();
            let file = files.stage(FileKey::document(w.tenant, &scan_id), &bytes)?;
            store::attach_scan(
                w.conn,
                w.tenant,
                &e.id,
                (&scan_id, content_type, size),
                w.now,
            )?;
            w.audit("letter.register.scan", &e.id, content_type)?;
            Ok((
                store::require(w.conn, w.tenant, register.direction(), &e.id)?,
                file,
            ))
        })
        .await?;
    file.keep();
    Ok(HttpResponse::Ok().json(entry))
}

/// The letter's scan, for the desa's staff.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/{register}/{id}/scan", tag = "surat",
    params(("desa" = String, Path), ("register" = String, Path), ("id" = String, Path)),
    responses((status = 200), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn download_scan(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, Register, String)>,
) -> Result<HttpResponse> {
    let (_, register, id) = path.into_inner();
    let e = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::require(conn, tenant, register.direction(), &id)
        })
        .await?;
    let (Some(scan_id), Some(content_type)) = (e.scan_id, e.scan_type) else {
        return Err(Error::NotFound("Pindaian surat".into()));
    };
    let key = FileKey::document(&staff.desa.tenant, &scan_id);
    scans::send(state.files.clone(), key, content_type).await
}
