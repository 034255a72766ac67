use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};
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

/// Argon2id with the crate's recommended parameters.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

pub(crate) fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the time of one verification, so that an unknown account answers as slowly as a
/// known one.
pub(crate) fn verify_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("tidak-ada-akun").unwrap_or_default());
    verify_password(password, hash);
}
