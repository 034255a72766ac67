//! Letter requests over HTTP: villagers ask for themselves and their family, staff enter
//! walk-ins, and each move of a request's life is checked, recorded and mailed.

use std::collections::BTreeMap;

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::{users, Member};
use sid_core::db::{DbConn, Write};
use sid_core::fields::Required;
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{clock, mail, AppState, Desa, Error, Result, TenantId};
use sid_population::codes::status as life;
use sid_population::residents::{store as residents, Resident};

use crate::request_view::{detail, list_views, load, visible, RequestView};
use crate::status::{self, Actor, Status};
use crate::store::{self, ListFilter, Request};
use crate::types::Subject;
use crate::{issuing, offering};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestQuery {
    /// One status, e.g. `sedang_diperiksa`.
    status: Option<String>,
    /// Only requests waiting at least this many days.
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    older_than_days: Option<u32>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    per_page: Option<i64>,
}

/// Requests: all of the desa for staff (the queue), a villager's own for a villager.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/letter-requests", tag = "surat",
    params(("desa" = String, Path), RequestQuery),
    responses((status = 200, body = Page<RequestView>), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse> {
    let q = query.into_inner();
    let page = PageParams::parse(&PageQuery {
        page: q.page,
        per_page: q.per_page,
    })?;
    let status = q
        .status
        .filter(|s| !s.is_empty())
        .map(|s| {
            Status::parse(&s).ok_or_else(|| {
                Error::invalid(
                    "status",
                    format!("pilihan: {}", Status::ALL.map(Status::as_str).join(", ")),
                )
            })
        })
        .transpose()?;
    let filter = ListFilter {
        resident: member.membership.villager().map(str::to_string),
        status,
        created_before: q
            .older_than_days
            .map(|d| clock::now() - chrono::Duration::days(i64::from(d))),
        signed_between: None,
        type_code: None,
    };
    let (items, total) = state
        .db
        .tenant_read(&member.desa.tenant, move |conn, tenant| {
            list_views(conn, tenant, &filter, &page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    /// A letter type code, e.g. `domisili`.
    #[serde(rename = "type")]
    type_code: String,
    /// Whom the letter is about: for a villager themself (the default) or a member of their
    /// family; for staff, any resident of the desa.
    subject_id: Option<String>,
    /// Keperluan: what the letter is for.
    #[schema(value_type = String)]
    purpose: Required<300>,
    /// The type's fields, by key.
    #[serde(default)]
    fields: BTreeMap<String, String>,
}

/// The subject may be named: staff any resident of the desa; a villager themself or a living
/// member of their own family. The type says whether the subject must be living or deceased.
fn check_subject(
    conn: &mut DbConn,
    tenant: &TenantId,
    requester: &Option<String>,
    subject_id: &str,
    rule: Subject,
) -> Result<Resident> {
    let not_allowed = || {
        Error::invalid(
            "subject_id",
            "warga hanya dapat mengajukan surat untuk dirinya sendiri atau anggota keluarganya",
        )
    };
    let subject = match residents::get(conn, tenant, subject_id)? {
        Some(s) => s,
        None if requester.is_some() => return Err(not_allowed()),
        None => {
            return Err(Error::invalid(
                "subject_id",
                "penduduk tidak ada di desa ini",
            ))
        }
    };
    if let Some(me) = requester {
        if *me != subject.id {
            let mine = residents::require(conn, tenant, me)?;
            if mine.family_id.is_none() || mine.family_id != subject.family_id {
                return Err(not_allowed());
            }
        }
    }
    match (rule, subject.status) {
        (Subject::Living, life::HIDUP) => Ok(subject),
        (Subject::Deceased, life::MATI) => Ok(subject),
        (Subject::Living, _) => Err(Error::invalid(
            "subject_id",
            "surat ini hanya untuk penduduk yang masih hidup dan tinggal di desa ini",
        )),
        (Subject::Deceased, _) => Err(Error::invalid(
            "subject_id",
            "surat keterangan kematian hanya untuk penduduk yang kematiannya sudah dicatat",
        )),
    }
}

/// The type's fields: required ones present, unknown ones refused, each at most 300 characters.
fn check_fields(
    kind: &crate::types::LetterType,
    fields: BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    let mut errors = Vec::new();
    for key in fields.keys() {
        if !kind.fields.iter().any(|f| f.key == key) {
            errors.push(sid_core::FieldError::new(
                format!("fields.{key}"),
                "isian ini tidak ada pada jenis surat ini",
            ));
        }
    }
    let mut clean = BTreeMap::new();
    for f in &kind.fields {
        let value = fields
            .get(f.key)
            .map(|v| v.trim().to_string())
            .unwrap_or_default();
        if f.required && value.is_empty() {
            errors.push(sid_core::FieldError::new(
                format!("fields.{}", f.key),
                format!("wajib diisi: {}", f.label),
            ));
        } else if value.chars().count() > 300 {
            errors.push(sid_core::FieldError::new(
                format!("fields.{}", f.key),
                "maksimal 300 karakter",
            ));
        }
        clean.insert(f.key.to_string(), value);
    }
    if errors.is_empty() {
        Ok(clean)
    } else {
        Err(Error::Invalid(errors))
    }
}

/// A new request. A villager's starts as Belum Lengkap when the type needs documents (they
/// upload them, then submit) and as Sedang Diperiksa otherwise; a walk-in entered by staff has
/// been checked at the counter and waits for signature.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/letter-requests", tag = "surat",
    params(("desa" = String, Path)), request_body = NewRequest,
    responses((status = 201, body = RequestView), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    member: Member,
    body: Json<NewRequest>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let requester = member.membership.villager().map(str::to_string);
    let view = state
        .db
        .write(&member.desa.tenant, &member.caller.user, move |w| {
            let kind = offering::offered(w.conn, w.tenant, &input.type_code)?;
            let subject_id = match (&input.subject_id, &requester) {
                (Some(s), _) => s.clone(),
                (None, Some(me)) => me.clone(),
                (None, None) => return Err(Error::invalid("subject_id", "wajib diisi")),
            };
            let subject = check_subject(w.conn, w.tenant, &requester, &subject_id, kind.subject)?;
            let fields = check_fields(kind, input.fields)?;
            let first = match (&requester, kind.documents.is_empty()) {
                (None, _) => store::settings(w.conn, w.tenant)?.chain().after_check(),
                (Some(_), true) => Status::SedangDiperiksa,
                (Some(_), false) => Status::BelumLengkap,
            };
            let id = store::insert(
                w.conn,
                w.tenant,
                &store::NewRequest {
                    type_code: kind.code,
                    subject_id: &subject.id,
                    requested_by: requester.as_deref(),
                    created_by: &w.actor.id,
                    purpose: &input.purpose.0,
                    fields: &serde_json::to_string(&fields).map_err(Error::internal)?,
                    status: first,
                },
                w.now,
            )?;
            store::add_transition(w.conn, w.tenant, &id, None, first, w.actor, None, w.now)?;
            let r = store::require(w.conn, w.tenant, &id)?;
            detail(w.conn, w.tenant, r)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One request with its status history.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/letter-requests/{id}", tag = "surat",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = RequestView), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn get(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    Ok(HttpResponse::Ok().json(load(&state, &member, id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// The status to move to.
    to: Status,
    /// Required when returning a request for completion or refusing it.
    reason: Option<String>,
}

/// Mails the villager behind the request (when the desa has their email) about its new status.
fn notify(w: &mut Write, desa: &Desa, r: &Request, to: Status, reason: Option<&str>) -> Result<()> {
    let who = r.requested_by.as_deref().unwrap_or(&r.subject_id);
    let Some(person) = residents::get(w.conn, w.tenant, who)? else {
        return Ok(());
    };
    let Some(email) = person.email.filter(|e| !e.is_empty()) else {
        return Ok(());
    };
    let kind = crate::types::find(&r.type_code).map_or("Surat", |t| t.name);
    let mut body = format!(
        "Yth. {},\n\nPermohonan {} Anda di Desa {} kini berstatus: {}.",
        person.name,
        kind,
        desa.name,
        to.label()
    );
    if let Some(reason) = reason {
        body.push_str(&format!("\nKeterangan: {reason}"));
    }
    body.push_str("\n\nSalam,\nPemerintah Desa ");
    body.push_str(&desa.name);
    mail::enqueue(
        w.conn,
        &email,
        &format!("[Desa {}] {}: {}", desa.name, kind, to.label()),
        &body,
        w.now,
    )
}

/// A request goes to be checked only with every document its type requires.
fn complete(conn: &mut DbConn, tenant: &TenantId, r: &Request) -> Result<()> {
    let have = store::documents_of(conn, tenant, &r.id)?;
    let missing: Vec<&str> = crate::types::find(&r.type_code)
        .map(|t| t.documents.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|d| !have.iter().any(|h| h.kind == *d))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(
            "documents",
            format!("unggah dulu: {}", missing.join(", ")),
        ))
    }
}

/// Moves a request: check, return for completion, reject, sign, hand over, cancel. A move not
/// allowed from the current status is a 409; a move the caller's role may not make is a 403.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/letter-requests/{id}/transition", tag = "surat",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = Move,
    responses((status = 200, body = RequestView), (status = 400), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
pub async fn transition(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(String, String)>,
    body: Json<Move>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(Move { to, reason }) = body;
    let reason = reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(Error::invalid("reason", "maksimal 500 karakter"));
    }
    let me = member.membership.clone();
    let desa = member.desa.clone();
    let (files, public_url) = (state.files.clone(), state.public_url.clone());
    let (view, letter) = state
        .db
        .write(&member.desa.tenant, &member.caller.user, move |w| {
            // Who initials and signs goes by the position as it is now, not as a session
            // remembered it.
            let current = users::find(w.conn, &w.actor.id)?
                .ok_or_else(|| Error::Unauthorized("Akun tidak ditemukan.".into()))?;
            let w = &mut Write {
                conn: &mut *w.conn,
                tenant: w.tenant,
                actor: &current,
                now: w.now,
            };
            let r = visible(w.conn, w.tenant, &me, &id)?;
            let from = r.status()?;
            let who = Actor::on(&me, w.actor, r.requested_by.as_deref()).ok_or_else(|| {
                Error::Forbidden("Hanya pemohon yang dapat mengubah permohonan ini.".into())
            })?;
            let chain = store::settings(w.conn, w.tenant)?.chain();
            status::check(from, to, who, reason.as_deref(), chain)?;
            if (from, to) == (Status::BelumLengkap, Status::SedangDiperiksa) {
                complete(w.conn, w.tenant, &r)?;
            }
            store::set_status(w.conn, w.tenant, &r.id, from, to, reason.as_deref(), w.now)?;
            let letter = if to == Status::SiapDiambil {
                Some(issuing::issue(w, &desa, &files, &public_url, &r)?)
            } else {
                None
            };
            store::add_transition(
                w.conn,
                w.tenant,
                &r.id,
                Some(from),
                to,
                w.actor,
                reason.as_deref(),
                w.now,
            )?;
            notify(w, &desa, &r, to, reason.as_deref())?;
            let r = store::require(w.conn, w.tenant, &r.id)?;
            Ok((detail(w.conn, w.tenant, r)?, letter))
        })
        .await?;
    if let Some(letter) = letter {
        letter.keep();
    }
    Ok(HttpResponse::Ok().json(view))
}
