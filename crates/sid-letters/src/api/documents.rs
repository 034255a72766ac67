//! The documents a request needs (scans of KTP, KK, ...), under the rules of `scans`.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use sid_core::auth::Member;
use sid_core::files::{sha256_hex, FileKey};
use sid_core::{audit, ids, AppState, Error, Result};

use crate::request_view::visible;
use crate::status::{Actor, Status};
use crate::store::{self, Document};
use crate::{scans, types, upload_quota};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// Which required document this is, e.g. `KTP`.
    kind: String,
}

/// Uploads one required document as the request body (at most 2 MiB; JPEG, PNG, WebP or PDF,
/// judged by content), within the uploader's 20 MiB and the desa's 2 GiB.
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
    let (bytes, content_type) = scans::receive(&req, payload).await?;
    let me = member.membership.clone();
    let files = state.files.clone();
    let (doc, file) = state
        .db
        .write(&member.desa.tenant, &member.caller.user, move |w| {
            let r = visible(w.conn, w.tenant, &me, &request_id)?;
            if Actor::on(&me, w.actor, r.requested_by.as_deref()).is_none() {
                return Err(Error::Forbidden(
                    "Hanya pemohon yang dapat melengkapi berkas ini.".into(),
                ));
            }
            if !matches!(r.status()?, Status::BelumLengkap | Status::SedangDiperiksa) {
                return Err(Error::Conflict(
                    "Berkas hanya bisa ditambah selama permohonan belum diperiksa selesai.".into(),
                ));
            }
            let wanted = types::find(&r.type_code)
                .map(|t| t.documents.clone())
                .unwrap_or_default();
            if !wanted.contains(&kind.as_str()) {
                return Err(Error::invalid(
                    "kind",
                    format!("pilihan untuk surat ini: {}", wanted.join(", ")),
                ));
            }
            let doc = Document {
                id: ids::new_id(),
                kind,
                content_type: content_type.to_string(),
                size: bytes.len() as i32,
                sha256: sha256_hex(&bytes),
                uploaded_at: w.now,
            };
            upload_quota::check(w.conn, w.tenant, Some(&w.actor.id), i64::from(doc.size))?;
            let file = files.stage(FileKey::document(w.tenant, &doc.id), &bytes)?;
            store::insert_document(w.conn, w.tenant, &r.id, &doc, &w.actor.id)?;
            w.audit("letter.document.upload", &r.id, &doc.kind)?;
            Ok((doc, file))
        })
        .await?;
    file.keep();
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
    let me = member.membership.clone();
    let (doc, subject) = state
        .db
        .tenant_read(&member.desa.tenant, move |conn, tenant| {
            let r = visible(conn, tenant, &me, &request_id)?;
            let doc = store::documents_of(conn, tenant, &r.id)?
                .into_iter()
                .find(|d| d.id == doc_id)
                .ok_or_else(|| Error::NotFound("Berkas".into()))?;
            Ok((doc, r.subject_id))
        })
        .await?;
    // A scan of a KTP or KK: a read of the subject's data.
    audit::shown(
        &state.db,
        &member.desa.tenant,
        &member.caller.user,
        "letter.document.view",
        vec![subject],
        doc.kind.clone(),
    )
    .await?;
    let key = FileKey::document(&member.desa.tenant, &doc.id);
    scans::send(state.files.clone(), key, doc.content_type).await
}
