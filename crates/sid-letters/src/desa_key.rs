//! The desa's Ed25519 key and what it signs. A signed letter carries a compact statement of
//! its content (desa, number, type, date, the subject's masked name and the hash of the body);
//! the QR code holds the statement and the signature, so anyone with the desa's published
//! public key can check a printed letter without asking the server.

use actix_web::web;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rand::RngCore;
use sid_core::files::{FileKey, Files};
use sid_core::{Error, Result, TenantId};

/// The desa's signing key, generated on first use and kept in the file store (readable by the
/// server only). A new key is only written where there is none, so every signer (request or
/// instance) sees one key, and never a half-written one.
pub fn key(files: &Files, tenant: &TenantId) -> Result<SigningKey> {
    let at = FileKey::signing_key(tenant);
    if let Some(bytes) = files.read(&at)? {
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Error::Internal(format!("kunci rusak: {}", at.as_str())))?;
        return Ok(SigningKey::from_bytes(&seed));
    }
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    if files.put_new(&at, &seed)? {
        Ok(SigningKey::from_bytes(&seed))
    } else {
        key(files, tenant)
    }
}

/// The desa's public key, read off the request's thread.
pub async fn public_key(files: &Files, tenant: &TenantId) -> Result<VerifyingKey> {
    let (files, tenant) = (files.clone(), tenant.clone());
    web::block(move || key(&files, &tenant).map(|k| k.verifying_key()))
        .await
        .map_err(Error::internal)?
}

pub fn encode(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

/// The statement a letter's signature covers, one field per line.
pub struct Statement<'a> {
    pub desa_code: &'a str,
    pub number: &'a str,
    pub type_code: &'a str,
    pub signed_on: &'a str,
    pub subject: &'a str,
    pub body_sha256: &'a str,
}

impl Statement<'_> {
    pub fn text(&self) -> String {
        format!(
            "SID-SERANG/1\n{}\n{}\n{}\n{}\n{}\n{}",
            self.desa_code,
            self.number,
            self.type_code,
            self.signed_on,
            self.subject,
            self.body_sha256
        )
    }
}

pub fn sign(key: &SigningKey, statement: &str) -> String {
    encode(&key.sign(statement.as_bytes()).to_bytes())
}

/// Whether `signature` (base64url) is the key's signature of `statement`.
pub fn verify(public: &VerifyingKey, statement: &[u8], signature: &str) -> bool {
    let Ok(bytes) = B64.decode(signature) else {
        return false;
    };
    let Ok(sig) = Signature::from_slice(&bytes) else {
        return false;
    };
    public.verify_strict(statement, &sig).is_ok()
}

/// A verification code: 128 random bits, so codes can be neither guessed nor enumerated.
pub fn new_code() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    encode(&bytes)
}

/// A name as public pages show it: each word's first letter and the rest hidden
/// ("Ahmad Fauzi" -> "A**** F****").
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            first + &"*".repeat(chars.count())
        })
        .collect::<Vec<_>>()
        .join(" ")
}
