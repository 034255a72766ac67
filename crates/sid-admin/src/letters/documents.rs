//! The documents a request needs (scans of KTP, KK, ...): uploaded as images or PDF, the type
//! decided by the content and not by the file's name, size-limited, and kept in the data
//! folder, outside anything the web server serves.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sid_core::auth::Member;
use sid_core::db::DbConn;
use sid_core::schema::letter_documents;
use sid_core::{audit, ids, AppState, Error, Result, TenantId};

use super::requests::visible;
use super::status::Status;

/// The largest document accepted.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// Content types accepted, as recognised from the file's first bytes.
const ACCEPTED: [&str; 4] = ["image/jpeg", "image/png", "image/webp", "application/pdf"];

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = letter_documents)]
pub struct Document {
    pub id: String,
    pub kind: String,
    pub content_type: String,
    pub size: i32,
    pub sha256: String,
    pub uploaded_at: NaiveDateTime,
}

fn file_path(storage: &std::path::Path, tenant: &TenantId, id: &str) -> std::path::PathBuf {
    storage.join("uploads").join(tenant.as_str()).join(id)
}

pub fn of_request(conn: &mut DbConn, tenant: &TenantId, request_id: &str) -> Result<Vec<Document>> {
    Ok(letter_documents::table
        .filter(letter_documents::desa_id.eq(tenant.as_str()))
        .filter(letter_documents::request_id.eq(request_id))
        .order(letter_documents::uploaded_at.asc())
        .select(Document::as_select())
        .load(conn)?)
}

/// What the bytes are, judged by their content, if it is one of `accepted` (`what` names
/// those for the person uploading).
pub(super) fn sniff(bytes: &[u8], accepted: &[&'static str], what: &str) -> Result<&'static str> {
    let found = infer::get(bytes).map(|t| t.mime_type());
    found
        .and_then(|m| accepted.iter().copied().find(|a| *a == m))
        .ok_or_else(|| {
            Error::UnsupportedMediaType(format!(
                "Berkas harus {what}; isi berkas ini {}.",
                found.map_or("tidak dikenali".to_string(), |m| format!("berjenis {m}"))
            ))
        })
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// Which required document this is, e.g. `KTP`.
    kind: String,
}

/// Uploads one required document as the request body (at most 2 MiB; JPEG, PNG, WebP or PDF,
/// judged by content).
#[utoipa::path(post, path = "/api/v1/desa/{desa}/letter-requests/{id}/documents", tag = "surat",
    params(("desa" = String, Path), ("id" = String, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Document), (status = 400), (status = 403), (status = 404),
        (status = 409), (status = 413), (status = 415)),
    security(("bearer" = [])))]
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(String, String)>,
    query: web::Query<UploadQuery>,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let (_, request_id) = path.into_inner();
    let kind = query.into_inner().kind;
    let bytes = sid_core::http::read_body(&req, payload, MAX_BYTES).await?;
    if bytes.is_empty() {
        return Err(Error::invalid("file", "berkas kosong"));
    }
    let content_type = sniff(&bytes, &ACCEPTED, "foto (JPEG, PNG, WebP) atau PDF")?;
    let me = member.resident_id.clone();
    let actor = member.caller.user.clone();
    let storage = state.storage.clone();
    let doc = state
        .db
        .tenant(&member.desa.tenant, move |conn, tenant| {
            let r = visible(conn, tenant, &me, &request_id)?;
            if me.is_some() && r.requested_by != me {
                return Err(Error::Forbidden(
                    "Hanya pemohon yang dapat melengkapi berkas ini.".into(),
                ));
            }
            if !matches!(r.status()?, Status::BelumLengkap | Status::SedangDiperiksa) {
                return Err(Error::Conflict(
                    "Berkas hanya bisa ditambah selama permohonan belum diperiksa selesai.".into(),
                ));
            }
            let wanted = super::types::find(&r.type_code)
                .map(|t| t.documents.clone())
                .unwrap_or_default();
            if !wanted.contains(&kind.as_str()) {
                return Err(Error::invalid(
                    "kind",
                    format!("pilihan untuk surat ini: {}", wanted.join(", ")),
                ));
            }
            let id = ids::new_id();
            let path = file_path(&storage, tenant, &id);
            std::fs::create_dir_all(path.parent().unwrap_or(&storage)).map_err(Error::internal)?;
            std::fs::write(&path, &bytes).map_err(Error::internal)?;
            let now = Utc::now().naive_utc();
            let sha = super::sign::hex(&Sha256::digest(&bytes));
            diesel::insert_into(letter_documents::table)
                .values((
                    letter_documents::desa_id.eq(tenant.as_str()),
                    letter_documents::id.eq(&id),
                    letter_documents::request_id.eq(&r.id),
                    letter_documents::kind.eq(&kind),
                    letter_documents::content_type.eq(content_type),
                    letter_documents::size.eq(bytes.len() as i32),
                    letter_documents::sha256.eq(&sha),
                    letter_documents::uploaded_by.eq(&actor.id),
                    letter_documents::uploaded_at.eq(now),
                ))
                .execute(conn)?;
            audit::record(conn, tenant, &actor, "letter.document.upload", &r.id, &kind)?;
            Ok(Document {
                id,
                kind,
                content_type: content_type.to_string(),
                size: bytes.len() as i32,
                sha256: sha,
                uploaded_at: now,
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(doc))
}

/// A document of the request, for its owner or the desa's staff.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/letter-requests/{id}/documents/{doc}", tag = "surat",
    params(("desa" = String, Path), ("id" = String, Path), ("doc" = String, Path)),
    responses((status = 200), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn download(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse> {
    let (_, request_id, doc_id) = path.into_inner();
    let me = member.resident_id.clone();
    let doc = state
        .db
        .tenant_read(&member.desa.tenant, move |conn, tenant| {
            let r = visible(conn, tenant, &me, &request_id)?;
            of_request(conn, tenant, &r.id)?
                .into_iter()
                .find(|d| d.id == doc_id)
                .ok_or_else(|| Error::NotFound("Berkas".into()))
        })
        .await?;
    let file = file_path(&state.storage, &member.desa.tenant, &doc.id);
    let bytes = web::block(move || std::fs::read(file))
        .await
        .map_err(Error::internal)?
        .map_err(Error::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(doc.content_type)
        .insert_header(("x-content-type-options", "nosniff"))
        .insert_header(("content-disposition", "attachment"))
        .body(bytes))
}
