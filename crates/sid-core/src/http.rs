//! HTTP plumbing shared by every crate: the JSON body extractor that turns serde's complaints
//! into field errors in Bahasa Indonesia, the error handlers of actix's own extractors, and
//! the fallback for unknown routes.

use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::{Error, FieldError, Result};

/// Largest JSON body accepted (bigger uploads get their own limits).
pub const JSON_LIMIT: usize = 64 * 1024;

/// A JSON body, already parsed into `T` (whose fields are parsed types themselves).
pub struct Json<T>(pub T);

impl<T> Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = Error;
    type Future = LocalBoxFuture<'static, Result<Json<T>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let mime = v.split(';').next().unwrap_or("").trim();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(Error::UnsupportedMediaType(
                    "Kirim data sebagai JSON (Content-Type: application/json).".into(),
                ));
            }
            let bytes = body.await.map_err(|e| {
                let overflow = matches!(
                    e.as_error::<actix_web::error::PayloadError>(),
                    Some(actix_web::error::PayloadError::Overflow)
                );
                payload_error(overflow)
            })?;
            parse_json(&bytes).map(Json)
        })
    }
}

fn payload_error(overflow: bool) -> Error {
    if overflow {
        Error::PayloadTooLarge(format!("Data melebihi batas {} KiB.", JSON_LIMIT / 1024))
    } else {
        Error::BadRequest("Isi permintaan tidak dapat dibaca.".into())
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        use serde_json::error::Category;
        match inner.classify() {
            Category::Syntax | Category::Eof | Category::Io => {
                Error::BadRequest(format!("JSON tidak valid (baris {}).", inner.line()))
            }
            Category::Data => Error::Invalid(vec![field_error(&path, &inner.to_string())]),
        }
    })
}

/// Translates serde's message for one field; messages of our own parsers pass unchanged.
fn field_error(path: &str, message: &str) -> FieldError {
    let message = message.split(" at line ").next().unwrap_or(message);
    let quoted = || message.split('`').nth(1).unwrap_or("").to_string();
    let join = |name: &str| {
        if path.is_empty() || path == "." {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    if message.starts_with("missing field") {
        FieldError::new(join(&quoted()), "wajib diisi")
    } else if message.starts_with("unknown field") {
        // serde_path_to_error already ends the path with the unknown name.
        FieldError::new(path, "kolom tidak dikenal")
    } else if message.starts_with("invalid type") {
        let expected = message.rsplit("expected ").next().unwrap_or("");
        FieldError::new(path, format!("tipe data salah (seharusnya {expected})"))
    } else if message.starts_with("unknown variant") {
        let allowed = message.rsplit("expected ").next().unwrap_or("");
        FieldError::new(path, format!("nilai tidak dikenal; pilihan: {allowed}"))
    } else if message.starts_with("invalid length") || message.starts_with("invalid value") {
        FieldError::new(path, "nilai tidak sesuai")
    } else {
        FieldError::new(path, message)
    }
}

/// Error handlers for actix's own extractors, so that they answer in problem+json too.
pub fn configure_extractors(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::PayloadConfig::new(JSON_LIMIT))
        .app_data(web::JsonConfig::default().limit(JSON_LIMIT).error_handler(
            |e: JsonPayloadError, _| {
                let overflow = matches!(
                    e,
                    JsonPayloadError::Overflow { .. }
                        | JsonPayloadError::OverflowKnownLength { .. }
                );
                payload_error(overflow).into()
            },
        ))
        .app_data(
            web::QueryConfig::default().error_handler(|e: QueryPayloadError, _| {
                Error::BadRequest(format!("Parameter kueri tidak valid: {e}")).into()
            }),
        )
        .app_data(
            web::PathConfig::default()
                .error_handler(|_: PathError, _| Error::NotFound("Halaman".into()).into()),
        )
        .app_data(web::FormConfig::default().limit(JSON_LIMIT).error_handler(
            |e: UrlencodedError, _| {
                Error::BadRequest(format!("Isian formulir tidak valid: {e}")).into()
            },
        ));
}

/// Unknown routes answer 404 problem+json.
pub async fn not_found() -> HttpResponse {
    Error::NotFound("Halaman".into()).error_response()
}

/// For numbers in query strings that HTML forms send empty (`?sex=&page=2`): empty is absent.
pub fn empty_as_none<'de, D, T>(d: D) -> std::result::Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    use serde::Deserialize;
    match Option::<String>::deserialize(d)?.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// A `Content-Disposition` header for a download (`attachment`) or a file shown in the browser
/// (`inline`). The name keeps letters, digits, `.`, `-` and `_`; anything else becomes `-`, so
/// no text typed into the system (a letter number, a desa's name) can break the header.
pub fn disposition(kind: &str, name: &str) -> (header::HeaderName, String) {
    let safe: String = name
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' => c,
            _ => '-',
        })
        .collect();
    (
        header::CONTENT_DISPOSITION,
        format!("{kind}; filename=\"{safe}\""),
    )
}
