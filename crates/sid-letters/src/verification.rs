//! The public check behind a letter's QR code: the code leads to the letter and its desa, and
//! the stored signature is checked against the desa's key.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use sid_core::{clock, AppState, Desa, Error, Result};
use sid_population::residents::store as residents;

use super::{desa_key, store, types, verification_codes};

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

/// What a verification code says about its letter, and the letter's desa.
pub async fn check(state: &AppState, code: String) -> Result<(Verification, Desa)> {
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
        .global_read(move |conn| verification_codes::find(conn, &key))
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
    let public = desa_key::public_key(&state.files, &desa.tenant).await?;
    let signature_valid = match (&r.signed_payload, &r.signature) {
        (Some(p), Some(s)) => desa_key::verify(&public, p.as_bytes(), s),
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
            type_name: types::find(&r.type_code)
                .map(|t| t.name.to_string())
                .unwrap_or_default(),
            type_code: r.type_code,
            desa: desa.name.clone(),
            desa_code: desa.code.clone(),
            signed_on: clock::local_date(signed_at),
            subject: desa_key::mask_name(&subject.name),
            revoked_at: r.revoked_at,
            revoked_reason: r.revoked_reason,
            signature_valid,
        },
        desa,
    ))
}
