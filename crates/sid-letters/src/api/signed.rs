//! JSON routes of signed letters: the stored PDF, revocation, the desa's public key, the public
//! check of a verification code, and the Agenda Surat Keluar.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use sid_core::auth::{DesaAdmin, Member, Staff};
use sid_core::files::{sha256_hex, FileKey};
use sid_core::http::{disposition, Json};
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::spreadsheet::CsvFile;
use sid_core::{audit, clock, AppState, Desa, Error, Result};

use crate::agenda::{self, AgendaLine};
use crate::desa_key;
use crate::request_view::load;
use crate::store;
use crate::verification::{self, Verification};

/// The signed letter, byte for byte as it was stored when signed; each download is a read of
/// its subject's data in the desa's audit log.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/letters/{id}/pdf", tag = "surat",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn pdf(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let r = load(&state, &member, id).await?;
    let (Some(number), Some(hash)) = (&r.number, &r.pdf_sha256) else {
        return Err(Error::NotFound("Surat yang sudah ditandatangani".into()));
    };
    let (files, key) = (
        state.files.clone(),
        FileKey::letter_pdf(&member.desa.tenant, &r.id),
    );
    let bytes = web::block(move || files.read(&key))
        .await
        .map_err(Error::internal)??
        .ok_or_else(|| Error::Internal(format!("berkas surat {} hilang", r.id)))?;
    if sha256_hex(&bytes) != *hash {
        return Err(Error::Internal(format!(
            "berkas surat {} berubah sejak ditandatangani",
            r.id
        )));
    }
    // The letter holds its subject's NIK and birth date: a read of their data.
    audit::shown(
        &state.db,
        &member.desa.tenant,
        &member.caller.user,
        "letter.pdf",
        vec![r.subject_id.clone()],
        format!("surat {number}"),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(disposition("inline", &format!("surat-{number}.pdf")))
        .body(bytes))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    reason: String,
}

/// The desa admin revokes a signed letter; its verification says so from now on.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/letters/{id}/revoke", tag = "surat",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = Revocation,
    responses((status = 204), (status = 400), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
pub async fn revoke(
    state: web::Data<AppState>,
    admin: DesaAdmin,
    path: web::Path<(String, String)>,
    body: Json<Revocation>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(Revocation { reason }) = body;
    let reason = reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(Error::invalid(
            "reason",
            "wajib diisi, maksimal 500 karakter",
        ));
    }
    state
        .db
        .write(&admin.desa.tenant, &admin.caller.user, move |w| {
            let r = store::require(w.conn, w.tenant, &id)?;
            if r.number.is_none() {
                return Err(Error::Conflict("Surat ini belum ditandatangani.".into()));
            }
            if r.revoked_at.is_some() {
                return Err(Error::Conflict("Surat ini sudah dicabut.".into()));
            }
            store::revoke(w.conn, w.tenant, &r.id, &reason, w.now)?;
            w.audit("letter.revoke", &r.id, &reason)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicKey {
    pub algorithm: &'static str,
    /// The raw 32-byte Ed25519 public key, base64url without padding.
    pub public_key: String,
    /// What the signature covers: the statement's lines, as carried in the QR code after `#`
    /// (base64url statement, a dot, base64url signature).
    pub statement_format: &'static str,
}

/// The desa's public key, to check a letter's QR code offline.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/letters/public-key", tag = "surat",
    params(("desa" = String, Path)), responses((status = 200, body = PublicKey)))]
pub async fn public_key(state: web::Data<AppState>, desa: Desa) -> Result<HttpResponse> {
    let key = desa_key::public_key(&state.files, &desa.tenant).await?;
    Ok(HttpResponse::Ok().json(PublicKey {
        algorithm: "Ed25519",
        public_key: desa_key::encode(key.as_bytes()),
        statement_format: "SID-SERANG/1, kode desa, nomor, jenis, tanggal (YYYY-MM-DD), nama tersamar, SHA-256 isi surat",
    }))
}

/// A letter's authenticity: number, type, desa, date, the subject's masked name, valid or revoked.
#[utoipa::path(get, path = "/api/v1/verify/{code}", tag = "surat",
    params(("code" = String, Path)), responses((status = 200, body = Verification), (status = 404)))]
pub async fn verify(state: web::Data<AppState>, code: web::Path<String>) -> Result<HttpResponse> {
    let (v, _) = verification::check(&state, code.into_inner()).await?;
    Ok(HttpResponse::Ok().json(v))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgendaQuery {
    /// `YYYY-MM`; the current month when absent.
    month: Option<String>,
    /// A letter type code.
    #[serde(rename = "type")]
    type_code: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    per_page: Option<i64>,
}

/// Agenda Surat Keluar: the letters the desa signed in a month, in signing order.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/letters", tag = "surat",
    params(("desa" = String, Path), AgendaQuery),
    responses((status = 200, body = Page<AgendaLine>), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn agenda(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<AgendaQuery>,
) -> Result<HttpResponse> {
    let q = query.into_inner();
    let (month, filter) = agenda::filter(q.month, q.type_code)?;
    let label = month.clone();
    let csv = match q.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(Error::invalid("format", "pilihan: json atau csv")),
    };
    let page = if csv {
        PageParams::everything()
    } else {
        PageParams::parse(&PageQuery {
            page: q.page,
            per_page: q.per_page,
        })?
    };
    let (lines, total) = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            if csv {
                w.audit("letter.agenda.export", "", &month)?;
            }
            agenda::lines(w.conn, w.tenant, &filter, &page)
        })
        .await?;
    if !csv {
        return Ok(HttpResponse::Ok().json(page.wrap(lines, total)));
    }
    let mut file = CsvFile::new([
        "Nomor",
        "Tanggal",
        "Jenis surat",
        "Nama",
        "Keperluan",
        "Penanda tangan",
        "Dicabut",
    ])?;
    for l in &lines {
        file.row([
            l.number.as_str(),
            &clock::local(l.signed_at).format("%d-%m-%Y").to_string(),
            &l.type_name,
            &l.subject,
            &l.purpose,
            &l.signer,
            if l.revoked { "ya" } else { "" },
        ])?;
    }
    let bytes = file.into_bytes()?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(disposition(
            "attachment",
            &format!("agenda-surat-keluar-{label}.csv"),
        ))
        .body(bytes))
}
