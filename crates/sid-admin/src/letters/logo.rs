//! The desa's own logo on the kop surat: a PNG or JPEG the desa admin uploads, kept in the data
//! folder; letters use the regency emblem until there is one.

use actix_web::{web, HttpRequest, HttpResponse};
use sid_core::auth::DesaAdmin;
use sid_core::{audit, AppState, Error, Result, TenantId};

const MAX_BYTES: usize = 512 * 1024;
const KINDS: [(&str, &str); 2] = [("image/png", "png"), ("image/jpeg", "jpg")];

fn path(storage: &std::path::Path, tenant: &TenantId, ext: &str) -> std::path::PathBuf {
    storage
        .join("logos")
        .join(format!("{}.{ext}", tenant.as_str()))
}

/// The desa's logo and its file extension, if it has uploaded one.
pub fn of(storage: &std::path::Path, tenant: &TenantId) -> Option<(Vec<u8>, &'static str)> {
    KINDS.iter().find_map(|(_, ext)| {
        std::fs::read(path(storage, tenant, ext))
            .ok()
            .map(|b| (b, *ext))
    })
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
    let kind =
        super::documents::sniff(&bytes, &["image/png", "image/jpeg"], "gambar PNG atau JPEG")?;
    // A logo that does not decode would break every letter signed after it.
    image::load_from_memory(&bytes)
        .map_err(|_| Error::UnsupportedMediaType("Gambar logo rusak atau tidak lengkap.".into()))?;
    let ext = KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, e)| *e)
        .ok_or_else(|| Error::Internal("jenis logo".into()))?;
    let storage = state.storage.clone();
    let tenant = admin.desa.tenant.clone();
    web::block(move || -> std::io::Result<()> {
        let target = path(&storage, &tenant, ext);
        std::fs::create_dir_all(target.parent().unwrap_or(&storage))?;
        for (_, other) in KINDS.iter().filter(|(_, e)| *e != ext) {
            let _ = std::fs::remove_file(path(&storage, &tenant, other));
        }
        std::fs::write(target, &bytes)
    })
    .await
    .map_err(Error::internal)?
    .map_err(Error::internal)?;
    let actor = admin.caller.user;
    state
        .db
        .tenant(&admin.desa.tenant, move |conn, tenant| {
            audit::record(conn, tenant, &actor, "letter.logo.upload", "", kind)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
