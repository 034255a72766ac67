//! Conditional requests for public pages answered from memory. A phone on a slow link asks
//! again for a page it has (`If-None-Match`); when the ETag it names is the one last sent for
//! that address and nothing of the desa was written since, `304 Not Modified` goes back without
//! a database query. Changes this process cannot see (another instance, a bulk load, a command)
//! show after at most [`KEPT`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse};

use crate::{clock, AppState};

/// How long an ETag is trusted without asking the database.
pub const KEPT: Duration = Duration::from_secs(15);

/// Addresses kept at most; beyond that the memory is emptied and fills again.
const MOST: usize = 50_000;

struct Sent {
    etag: header::EntityTag,
    last_modified: Option<header::HeaderValue>,
    version: u64,
    at: Instant,
}

/// The ETag last sent for each public address.
#[derive(Default)]
pub struct KeptPages {
    sent: Mutex<HashMap<String, Sent>>,
}

/// Whose changes a public address shows: one desa's (`/desa/{desa}/…`) or every desa's.
fn version(state: &AppState, path: &str) -> Option<u64> {
    let now = clock::now();
    match path.strip_prefix("/desa/") {
        Some(rest) => {
            let key = rest.split('/').next().unwrap_or_default();
            let desa = state.directory.resolve(key)?;
            Some(state.db.changes().of_desa(&desa.tenant, now))
        }
        None => Some(state.db.changes().of_regency(now)),
    }
}

/// Answers from memory what it can; remembers the ETag of each public page sent to a visitor
/// without an account (pages for signed-in people name them, and are never kept).
pub async fn answer_kept(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    let http = req.request();
    let kept = http.app_data::<web::Data<KeptPages>>().cloned();
    let state = http.app_data::<web::Data<AppState>>().cloned();
    let (Some(kept), Some(state)) = (kept, state) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if req.method() != Method::GET
        || crate::auth::carries_token(http)
        || http.path().starts_with("/api/")
        // The stylesheet and script carry their own caching; no desa's writes change them.
        || http.path().starts_with("/static/")
    {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let Some(version) = version(&state, http.path()) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let address = http.uri().to_string();
    if let Some(answer) = kept.unchanged(http, &address, version) {
        return Ok(req.into_response(answer));
    }
    let res = next.call(req).await?;
    kept.remember(address, version, res.response());
    Ok(res.map_into_boxed_body())
}

impl KeptPages {
    fn unchanged(
        &self,
        req: &actix_web::HttpRequest,
        address: &str,
        version: u64,
    ) -> Option<HttpResponse> {
        let header::IfNoneMatch::Items(asked) = req.get_header::<header::IfNoneMatch>()? else {
            return None;
        };
        let sent = self.sent.lock().expect("kept pages lock");
        let s = sent.get(address)?;
        let current = s.version == version && s.at.elapsed() < KEPT;
        if !current || !asked.iter().any(|t| t.weak_eq(&s.etag)) {
            return None;
        }
        let mut answer = HttpResponse::NotModified();
        answer
            .insert_header(header::ETag(s.etag.clone()))
            .insert_header((header::CACHE_CONTROL, "no-cache"));
        if let Some(at) = &s.last_modified {
            answer.insert_header((header::LAST_MODIFIED, at.clone()));
        }
        Some(answer.finish())
    }

    /// Keeps the ETag of a public page (one answered by `page::fresh`).
    fn remember<B>(&self, address: String, version: u64, res: &actix_web::HttpResponse<B>) {
        let status = res.status();
        if status != StatusCode::OK && status != StatusCode::NOT_MODIFIED {
            return;
        }
        let etag = res
            .headers()
            .get(header::ETAG)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<header::EntityTag>().ok());
        let Some(etag) = etag else { return };
        let mut sent = self.sent.lock().expect("kept pages lock");
        if sent.len() >= MOST {
            sent.clear();
        }
        sent.insert(
            address,
            Sent {
                etag,
                last_modified: res.headers().get(header::LAST_MODIFIED).cloned(),
                version,
                at: Instant::now(),
            },
        );
    }
}
