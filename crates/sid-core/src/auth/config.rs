use std::net::IpAddr;

use chrono::Duration;
use jsonwebtoken::{DecodingKey, EncodingKey};

use super::limits::SignInLimits;
use super::password::Pepper;

/// Identity settings, built once at start-up from configuration.
pub struct AuthConfig {
    pub issuer: String,
    pub token_ttl: Duration,
    pub max_failed_logins: i32,
    pub lockout: Duration,
    /// Send the session cookie only over HTTPS (on in production).
    pub cookie_secure: bool,
    pub pepper: Pepper,
    pub limits: SignInLimits,
    /// Proxies whose `X-Forwarded-For` names the client (see `ClientAddress`).
    pub trusted_proxies: Vec<IpAddr>,
    pub keys: TokenKeys,
}

/// The keys that sign and check session tokens.
pub struct TokenKeys {
    pub(crate) encoding: EncodingKey,
    pub(crate) decoding: DecodingKey,
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> TokenKeys {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }
}
