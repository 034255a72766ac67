//! CSRF protection for browser forms and for API calls authenticated by the cookie: a random
//! token in a cookie the page cannot be made to send cross-site, repeated in the form field
//! (or `X-CSRF-Token` header). Bearer-token clients need none.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::HttpRequest;
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;

use crate::{Error, Result};

pub const CSRF_COOKIE: &str = "sid_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The request's CSRF token, and the cookie to set when the browser had none yet.
pub fn token(req: &HttpRequest) -> (String, Option<Cookie<'static>>) {
    if let Some(c) = req.cookie(CSRF_COOKIE) {
        if !c.value().is_empty() {
            return (c.value().to_string(), None);
        }
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let cookie = Cookie::build(CSRF_COOKIE, value.clone())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .finish();
    (value, Some(cookie))
}

/// Checks the token a form or header carried against the cookie.
pub fn verify(req: &HttpRequest, provided: Option<&str>) -> Result<()> {
    let expected = req.cookie(CSRF_COOKIE);
    match (expected, provided) {
        (Some(c), Some(p))
            if !p.is_empty() && bool::from(c.value().as_bytes().ct_eq(p.as_bytes())) =>
        {
            Ok(())
        }
        _ => Err(Error::Forbidden(
            "Formulir kedaluwarsa atau tidak sah (token CSRF). Muat ulang halaman lalu coba lagi."
                .into(),
        )),
    }
}
