//! The rules every scan kept with letters follows, a villager's KTP or a received letter alike:
//! images or PDF, the type judged by the content and not by the file's name, at most 2 MiB,
//! kept in the file store outside anything the web server serves.

use actix_web::{web, HttpRequest, HttpResponse};
use sid_core::files::{self, FileKey, Files};
use sid_core::{Error, Result};

/// The largest scan accepted.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// Content types accepted, as recognised from the file's first bytes.
const ACCEPTED: [&str; 4] = ["image/jpeg", "image/png", "image/webp", "application/pdf"];

/// The request body as a scan, with its content type.
pub async fn receive(
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<(web::Bytes, &'static str)> {
    let bytes = files::read_upload(req, payload, MAX_BYTES).await?;
    if bytes.is_empty() {
        return Err(Error::invalid("file", "berkas kosong"));
    }
    let content_type = files::sniff(&bytes, &ACCEPTED, "foto (JPEG, PNG, WebP) atau PDF")?;
    Ok((bytes, content_type))
}

/// A stored scan as a download: never shown inline, never sniffed into another type.
pub async fn send(files: Files, key: FileKey, content_type: String) -> Result<HttpResponse> {
    let name = key.as_str().to_string();
    let bytes = web::block(move || files.read(&key))
        .await
        .map_err(Error::internal)??
        .ok_or_else(|| Error::Internal(format!("berkas {name} hilang")))?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("x-content-type-options", "nosniff"))
        .insert_header(("content-disposition", "attachment"))
        .body(bytes))
}
