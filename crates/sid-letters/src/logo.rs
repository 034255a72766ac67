//! The desa's own logo on the kop surat: a PNG or JPEG the desa admin uploads, kept in the file
//! store; letters use the regency emblem until there is one.

use actix_web::{web, HttpRequest, HttpResponse};
use sid_core::auth::DesaAdmin;
use sid_core::files::{self, FileKey, Files};
use sid_core::{audit, AppState, Error, Result, TenantId};

const MAX_BYTES: usize = 512 * 1024;
const KINDS: [(&str, &str); 2] = [("image/png", "png"), ("image/jpeg", "jpg")];

/// The desa's logo and its file extension, if it has uploaded one.
pub fn of(files: &Files, tenant: &TenantId) -> Result<Option<(Vec<u8>, &'static str)>> {
    for (_, ext) in KINDS {
        if let Some(bytes) = files.read(&FileKey::logo(tenant, ext))? {
            return Ok(Some((bytes, ext)));
        }
    }
    Ok(None)
}

/// The desa admin uploads the desa's logo (PNG or JPEG by content, at most 512 KiB); letters
/// signed from now on carry it.
#[utoipa::path(put, path = "/api/v1/desa/{desa}/letters/logo", tag = "surat",
    params(("desa" = String, Path)),
    request_body(content = Vec<u8>, content_type = "image/png"),
    responses((status = 204), (status = 403), (status = 413), (status = 415)),
    security(("bearer" = [])))]
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: DesaAdmin,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let bytes = sid_core::http::read_body(&req, payload, MAX_BYTES).await?;
    let kind = files::sniff(&bytes, &["image/png", "image/jpeg"], "gambar PNG atau JPEG")?;
    // A logo that does not decode would break every letter signed after it.
    image::load_from_memory(&bytes)
        .map_err(|_| Error::UnsupportedMediaType("Gambar logo rusak atau tidak lengkap.".into()))?;
    let ext = KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, e)| *e)
        .ok_or_else(|| Error::Internal("jenis logo".into()))?;
    let (files, tenant) = (state.files.clone(), admin.desa.tenant.clone());
    web::block(move || -> Result<()> {
        for (_, other) in KINDS.iter().filter(|(_, e)| *e != ext) {
            files.remove(&FileKey::logo(&tenant, other))?;
        }
        files.put(&FileKey::logo(&tenant, ext), &bytes)
    })
    .await
    .map_err(Error::internal)??;
    let actor = admin.caller.user;
    state
        .db
        .tenant(&admin.desa.tenant, move |conn, tenant| {
            audit::record(conn, tenant, &actor, "letter.logo.upload", "", kind)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
