use actix_web::cookie::{time, Cookie, SameSite};
use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};

use super::{AuthConfig, Role};
use crate::{Error, Result};

/// The cookie that carries the same token for browsers (HttpOnly, SameSite=Lax).
pub const SESSION_COOKIE: &str = "sid_session";

/// The cookie that carries a session token for the browser.
pub fn session_cookie(config: &AuthConfig, token: String) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token)
        .path("/")
        .http_only(true)
        .secure(config.cookie_secure)
        .same_site(SameSite::Lax)
        .max_age(time::Duration::seconds(config.token_ttl.num_seconds()))
        .finish()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    pub desa_id: Option<String>,
    pub jti: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
}

pub(crate) fn encode(config: &AuthConfig, claims: &Claims) -> Result<String> {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &config.keys.encoding,
    )
    .map_err(Error::internal)
}

/// Any failure — bad signature, other algorithm (`none` included), expired, wrong issuer,
/// garbage — is the same 401.
pub(crate) fn decode(config: &AuthConfig, token: &str) -> Result<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    validation.set_issuer(&[&config.issuer]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "sub", "jti"]);
    jsonwebtoken::decode::<Claims>(token, &config.keys.decoding, &validation)
        .map(|data| data.claims)
        .map_err(|_| Error::Unauthorized("Token tidak valid atau sudah kedaluwarsa.".into()))
}
