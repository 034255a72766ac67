use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, KeyId, ParamsBuilder, PasswordVerifier, Version};
use serde::Deserialize;

use crate::{Error, Result};

/// A password that meets the rules; the only way to get one is `Password::parse`.
#[derive(Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Password(String);

impl Password {
    pub const MIN: usize = 8;
    pub const MAX: usize = 128;

    pub fn parse(field: &str, s: String) -> Result<Password> {
        let n = s.chars().count();
        if n < Self::MIN {
            return Err(Error::invalid(
                field,
                format!("kata sandi minimal {} karakter", Self::MIN),
            ));
        }
        if n > Self::MAX {
            return Err(Error::invalid(
                field,
                format!("kata sandi maksimal {} karakter", Self::MAX),
            ));
        }
        Ok(Password(s))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Password {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        Password::parse("password", s).map_err(|e| match e {
            Error::Invalid(v) => v[0].message.clone(),
            other => other.to_string(),
        })
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// The server's secret mixed into every new hash as Argon2's secret input, kept in the
/// configuration and never in the database: a leaked table of six-digit PIN hashes cannot be
/// tried offline without it.
#[derive(Clone)]
pub struct Pepper(Vec<u8>);

impl Pepper {
    pub fn new(secret: Vec<u8>) -> Pepper {
        Pepper(secret)
    }
}

impl std::fmt::Debug for Pepper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pepper(***)")
    }
}

/// Written into the hash (`keyid=`), so that hashes from before the pepper still verify, and
/// the next sign-in replaces them.
const PEPPER_ID: &[u8] = b"p1";

impl Pepper {
    fn argon2(&self) -> Result<Argon2<'_>> {
        let params = ParamsBuilder::new()
            .keyid(KeyId::new(PEPPER_ID).map_err(Error::internal)?)
            .build()
            .map_err(Error::internal)?;
        Argon2::new_with_secret(&self.0, Algorithm::Argon2id, Version::V0x13, params)
            .map_err(Error::internal)
    }
}

/// Argon2id with the crate's recommended parameters and the pepper. Slow on purpose: run it
/// off the request's thread and outside any transaction.
pub fn hash_password(pepper: &Pepper, password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    pepper
        .argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

/// What checking a secret against its hash found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Checked {
    Wrong,
    Right,
    /// Right, against a hash from before the pepper: to be hashed again.
    RightUnpeppered,
}

pub(crate) fn verify_password(pepper: &Pepper, password: &str, hash: &str) -> Checked {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return Checked::Wrong;
    };
    let peppered = parsed.params.get("keyid").is_some();
    let right = if peppered {
        pepper
            .argon2()
            .is_ok_and(|a| a.verify_password(password.as_bytes(), &parsed).is_ok())
    } else {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    };
    match (right, peppered) {
        (false, _) => Checked::Wrong,
        (true, true) => Checked::Right,
        (true, false) => Checked::RightUnpeppered,
    }
}

/// Spends the time of one verification, so that an unknown account answers as slowly as a
/// known one.
pub(crate) fn verify_nothing(pepper: &Pepper, password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password(pepper, "tidak-ada-akun").unwrap_or_default());
    verify_password(pepper, password, hash);
}
