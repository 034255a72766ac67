//! Signed letters: the stored PDF, revocation, the desa's public key, the public check of a
//! verification code, and the Agenda Surat Keluar.

use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use sid_core::auth::{DesaAdmin, Member, Staff};
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{audit, AppState, Desa, Error, Result};
use sid_population::residents::store as residents;

use super::requests::load;
use super::signing;
use super::store::{self, ListFilter};

/// The signed letter, byte for byte as it was stored when signed.
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
    let path = super::sign::pdf_path(&state.storage, &member.desa.tenant, &r.id);
    let bytes = web::block(move || std::fs::read(path))
        .await
        .map_err(Error::internal)?
        .map_err(Error::internal)?;
    if super::sign::hex(&<sha2::Sha256 as sha2::Digest>::digest(&bytes)) != *hash {
        return Err(Error::Internal(format!(
            "berkas surat {} berubah sejak ditandatangani",
            r.id
        )));
    }
    let file = format!("surat-{}.pdf", number.replace(['/', ' '], "-"));
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "content-disposition",
            format!("inline; filename=\"{file}\""),
        ))
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
    let actor = admin.caller.user;
    state
        .db
        .tenant(&admin.desa.tenant, move |conn, tenant| {
            let r = store::require(conn, tenant, &id)?;
            if r.number.is_none() {
                return Err(Error::Conflict("Surat ini belum ditandatangani.".into()));
            }
            if r.revoked_at.is_some() {
                return Err(Error::Conflict("Surat ini sudah dicabut.".into()));
            }
            store::revoke(conn, tenant, &r.id, &reason, Utc::now().naive_utc())?;
            audit::record(conn, tenant, &actor, "letter.revoke", &r.id, &reason)
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
    let storage = state.storage.clone();
    let key = web::block(move || signing::public_key(&storage, &desa.tenant))
        .await
        .map_err(Error::internal)??;
    Ok(HttpResponse::Ok().json(PublicKey {
        algorithm: "Ed25519",
        public_key: signing::encode(key.as_bytes()),
        statement_format: "SID-SERANG/1, kode desa, nomor, jenis, tanggal (YYYY-MM-DD), nama tersamar, SHA-256 isi surat",
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Verification {
    /// `valid` or `revoked`.
    pub status: &'static str,
    pub number: String,
    #[serde(rename = "type")]
    pub type_code: String,
    pub type_name: String,
    pub desa: String,
    pub desa_code: String,
    pub signed_on: NaiveDate,
    /// The subject's name with all but each word's first letter hidden.
    pub subject: String,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
    /// Whether the stored signature checks against the desa's key.
    pub signature_valid: bool,
}

/// The public check behind a letter's QR code.
pub async fn verification(state: &AppState, code: String) -> Result<(Verification, Desa)> {
    let unknown = || Error::NotFound("Surat dengan kode verifikasi ini".into());
    // Codes are 22 base64url characters; anything else is not a code (and costs no query).
    if code.len() != 22
        || !code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(unknown());
    }
    let key = code.clone();
    let (desa_id, letter_id) = state
        .db
        .global_read(move |conn| super::codes::find(conn, &key))
        .await?
        .ok_or_else(unknown)?;
    let desa = state
        .directory
        .all()
        .iter()
        .find(|d| d.tenant.as_str() == desa_id)
        .cloned()
        .ok_or_else(unknown)?;
    let r = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            store::require(conn, tenant, &letter_id)
        })
        .await?;
    let subject = state
        .db
        .tenant_read(&desa.tenant, {
            let id = r.subject_id.clone();
            move |conn, tenant| residents::require(conn, tenant, &id)
        })
        .await?;
    let storage = state.storage.clone();
    let tenant = desa.tenant.clone();
    let public = web::block(move || signing::public_key(&storage, &tenant))
        .await
        .map_err(Error::internal)??;
    let signature_valid = match (&r.signed_payload, &r.signature) {
        (Some(p), Some(s)) => signing::verify(&public, p.as_bytes(), s),
        _ => false,
    };
    let signed_at = r.signed_at.ok_or_else(unknown)?;
    Ok((
        Verification {
            status: if r.revoked_at.is_some() {
                "revoked"
            } else {
                "valid"
            },
            number: r.number.clone().unwrap_or_default(),
            type_name: super::types::find(&r.type_code)
                .map(|t| t.name.to_string())
                .unwrap_or_default(),
            type_code: r.type_code,
            desa: desa.name.clone(),
            desa_code: desa.code.clone(),
            signed_on: (signed_at + chrono::Duration::hours(7)).date(),
            subject: signing::mask_name(&subject.name),
            revoked_at: r.revoked_at,
            revoked_reason: r.revoked_reason,
            signature_valid,
        },
        desa,
    ))
}

/// A letter's authenticity: number, type, desa, date, the subject's masked name, valid or revoked.
#[utoipa::path(get, path = "/api/v1/verify/{code}", tag = "surat",
    params(("code" = String, Path)), responses((status = 200, body = Verification), (status = 404)))]
pub async fn verify(state: web::Data<AppState>, code: web::Path<String>) -> Result<HttpResponse> {
    let (v, _) = verification(&state, code.into_inner()).await?;
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

#[derive(Serialize, utoipa::ToSchema)]
pub struct AgendaLine {
    pub number: String,
    pub signed_at: NaiveDateTime,
    #[serde(rename = "type")]
    pub type_name: String,
    pub subject: String,
    pub purpose: String,
    pub signer: String,
    pub revoked: bool,
    pub request_id: String,
}

/// The Agenda's month (the current one by default) and its filter.
pub fn agenda_filter(
    month: Option<String>,
    type_code: Option<String>,
) -> Result<(String, ListFilter)> {
    let month = month
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| sid_core::clock::today().format("%Y-%m").to_string());
    let (from, until) = sid_population::events::month_range(&month)?;
    let type_code = type_code.filter(|t| !t.is_empty());
    if let Some(t) = &type_code {
        if super::types::find(t).is_none() {
            return Err(Error::invalid("type", "jenis surat tidak dikenal"));
        }
    }
    Ok((
        month,
        ListFilter {
            resident: None,
            status: None,
            created_before: None,
            signed_between: Some((
                sid_core::clock::start_of(from),
                sid_core::clock::start_of(until),
            )),
            type_code,
        },
    ))
}

/// The letters of the Agenda, with their subjects' names.
pub fn agenda_lines(
    conn: &mut sid_core::db::DbConn,
    tenant: &sid_core::TenantId,
    filter: &ListFilter,
    page: &PageParams,
) -> Result<(Vec<AgendaLine>, i64)> {
    let (rows, total) = store::list(conn, tenant, filter, page)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.subject_id.as_str()).collect();
    let names: std::collections::HashMap<String, String> = residents::by_ids(conn, tenant, &ids)?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let lines = rows
        .into_iter()
        .map(|r| AgendaLine {
            number: r.number.unwrap_or_default(),
            signed_at: r.signed_at.unwrap_or(r.created_at),
            type_name: super::types::find(&r.type_code)
                .map_or(r.type_code.clone(), |t| t.name.to_string()),
            subject: names.get(&r.subject_id).cloned().unwrap_or_default(),
            purpose: r.purpose,
            signer: r.signer_name.unwrap_or_default(),
            revoked: r.revoked_at.is_some(),
            request_id: r.id,
        })
        .collect();
    Ok((lines, total))
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
    let (month, filter) = agenda_filter(q.month, q.type_code)?;
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
    let actor = staff.caller.user.clone();
    let (lines, total) = state
        .db
        .tenant(&staff.desa.tenant, move |conn, tenant| {
            if csv {
                audit::record(conn, tenant, &actor, "letter.agenda.export", "", &month)?;
            }
            agenda_lines(conn, tenant, &filter, &page)
        })
        .await?;
    if !csv {
        return Ok(HttpResponse::Ok().json(page.wrap(lines, total)));
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "Nomor",
        "Tanggal",
        "Jenis surat",
        "Nama",
        "Keperluan",
        "Penanda tangan",
        "Dicabut",
    ])
    .map_err(Error::internal)?;
    for l in &lines {
        w.write_record([
            l.number.as_str(),
            &(l.signed_at + chrono::Duration::hours(7))
                .format("%d-%m-%Y")
                .to_string(),
            &l.type_name,
            &l.subject,
            &l.purpose,
            &l.signer,
            if l.revoked { "ya" } else { "" },
        ])
        .map_err(Error::internal)?;
    }
    let bytes = w.into_inner().map_err(Error::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"agenda-surat-keluar-{}.csv\"", label),
        ))
        .body(bytes))
}
