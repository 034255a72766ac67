//! CSRF protection for browser forms and for API calls authenticated by the cookie: a random
//! token in a cookie the page cannot be made to send cross-site, repeated in the form field
//! (or `X-CSRF-Token` header), and the browser's word on where the request came from. Bearer-token
//! clients need none.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{web, HttpRequest};
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;

use crate::state::AppState;
use crate::{Error, Result};

pub const CSRF_HEADER: &str = "x-csrf-token";

/// The cookie's name: behind TLS with the `__Host-` prefix, which a browser accepts only from
/// this host, over HTTPS and for the whole site, so a neighbouring subdomain cannot plant one.
fn cookie_name(req: &HttpRequest) -> &'static str {
    let tls = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|s| s.auth.cookie_secure);
    if tls {
        "__Host-sid_csrf"
    } else {
        "sid_csrf"
    }
}

/// The request's CSRF token, and the cookie to set when the browser had none yet.
pub fn token(req: &HttpRequest) -> (String, Option<Cookie<'static>>) {
    let name = cookie_name(req);
    if let Some(c) = req.cookie(name) {
        if !c.value().is_empty() {
            return (c.value().to_string(), None);
        }
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let cookie = Cookie::build(name, value.clone())
        .path("/")
        .secure(name.starts_with("__Host-"))
        .http_only(true)
        .same_site(SameSite::Strict)
        .finish();
    (value, Some(cookie))
}

/// Checks the token a form or header carried against the cookie.
pub fn verify(req: &HttpRequest, provided: Option<&str>) -> Result<()> {
    let expected = req.cookie(cookie_name(req));
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

/// A second line behind the token: the browser's own word that the request did not come from
/// another site (`Sec-Fetch-Site`), or an `Origin` that is not this server's.
pub fn same_origin(req: &HttpRequest) -> Result<()> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let foreign_fetch =
        header("sec-fetch-site").is_some_and(|v| v == "cross-site" || v == "same-site");
    let foreign_origin = header("origin").is_some_and(|origin| {
        let authority = origin.split_once("://").map_or(origin, |(_, rest)| rest);
        authority != req.connection_info().host()
    });
    if foreign_fetch || foreign_origin {
        return Err(Error::Forbidden(
            "Permintaan dari situs lain ditolak. Buka halaman SID Serang lalu coba lagi.".into(),
        ));
    }
    Ok(())
}
