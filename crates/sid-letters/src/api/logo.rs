//! The desa admin's upload of the desa's logo.

use actix_web::{web, HttpRequest, HttpResponse};
use sid_core::auth::DesaAdmin;
use sid_core::{AppState, Error, Result};

use crate::logo;

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
    let bytes = sid_core::files::read_upload(&req, payload, logo::MAX_BYTES).await?;
    let (files, tenant) = (state.files.clone(), admin.desa.tenant.clone());
    let kind = web::block(move || logo::replace(&files, &tenant, &bytes))
        .await
        .map_err(Error::internal)??;
    state
        .db
        .write(&admin.desa.tenant, &admin.caller.user, move |w| {
            w.audit("letter.logo.upload", "", kind)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
