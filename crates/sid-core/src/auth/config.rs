use chrono::Duration;
use jsonwebtoken::{DecodingKey, EncodingKey};

/// Identity settings, built once at start-up from configuration.
pub struct AuthConfig {
    pub issuer: String,
    pub token_ttl: Duration,
    pub max_failed_logins: i32,
    pub lockout: Duration,
    /// Send the session cookie only over HTTPS (on in production).
    pub cookie_secure: bool,
    pub(crate) encoding: EncodingKey,
    pub(crate) decoding: DecodingKey,
}

impl AuthConfig {
    pub fn new(
        secret: &[u8],
        issuer: String,
        token_ttl: Duration,
        max_failed_logins: i32,
        lockout: Duration,
        cookie_secure: bool,
    ) -> AuthConfig {
        AuthConfig {
            issuer,
            token_ttl,
            max_failed_logins,
            lockout,
            cookie_secure,
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }
}
