//! The desa's letter offer over HTTP: the types it offers, and the desa admin's edits of them and
//! of the desa's letter settings.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::DesaAdmin;
use sid_core::db::DbConn;
use sid_core::http::Json;
use sid_core::{AppState, Desa, Error, Result, TenantId};

use crate::offering::{offered_types, OfferedType};
use crate::status::Status;
use crate::{numbering, store, template, types};

/// Letter types of the desa, with their fields, documents and templates.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/letter-types", tag = "surat",
    params(("desa" = String, Path)), responses((status = 200, body = [OfferedType])))]
pub async fn list(state: web::Data<AppState>, desa: Desa) -> Result<HttpResponse> {
    let types = state.db.tenant_read(&desa.tenant, offered_types).await?;
    Ok(HttpResponse::Ok().json(types))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeChange {
    enabled: Option<bool>,
    /// New template text; placeholders in square brackets, e.g. `[nama]`. Empty: back to the
    /// regency's default.
    template: Option<String>,
}

/// The desa admin switches a type on or off or rewrites its template. An unknown placeholder
/// is refused here, naming it and listing the ones available.
#[utoipa::path(put, path = "/api/v1/desa/{desa}/letter-types/{code}", tag = "surat",
    params(("desa" = String, Path), ("code" = String, Path)), request_body = TypeChange,
    responses((status = 200, body = OfferedType), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn change(
    state: web::Data<AppState>,
    admin: DesaAdmin,
    path: web::Path<(String, String)>,
    body: Json<TypeChange>,
) -> Result<HttpResponse> {
    let (_, code) = path.into_inner();
    let kind = types::find(&code).ok_or_else(|| Error::NotFound("Jenis surat".into()))?;
    let Json(change) = body;
    let template = match change.template.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(text) => Some(Some(template::check(kind, text)?)),
    };
    let offered = state
        .db
        .write(&admin.desa.tenant, &admin.caller.user, move |w| {
            let current = store::type_settings(w.conn, w.tenant)?
                .remove(kind.code)
                .unwrap_or_default();
            let enabled = change.enabled.or(current.enabled).unwrap_or(true);
            let template = template.unwrap_or(current.template);
            store::save_type_setting(
                w.conn,
                w.tenant,
                kind.code,
                enabled,
                template.as_deref(),
                &w.actor.id,
                w.now,
            )?;
            w.audit(
                "letter.type.change",
                kind.code,
                &format!("aktif: {enabled}; template sendiri: {}", template.is_some()),
            )?;
            offered_types(w.conn, w.tenant)?
                .into_iter()
                .find(|t| t.code == kind.code)
                .ok_or_else(|| Error::Internal("jenis surat hilang".into()))
        })
        .await?;
    Ok(HttpResponse::Ok().json(offered))
}

/// The middle step goes only when no request waits at it: a request left there would have no
/// one to move it.
fn refuse_while_waiting(conn: &mut DbConn, tenant: &TenantId) -> Result<()> {
    let waiting = store::count_with_status(conn, tenant, Status::MenungguParaf)?;
    if waiting > 0 {
        return Err(Error::Conflict(format!(
            "{waiting} permohonan masih menunggu paraf sekretaris desa; selesaikan dulu sebelum \
             langkah paraf dimatikan."
        )));
    }
    Ok(())
}

/// The desa's letter settings: number format, one sequence or one per type, paper size.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/letter-settings", tag = "surat",
    params(("desa" = String, Path)), responses((status = 200, body = store::Settings), (status = 403)),
    security(("bearer" = [])))]
pub async fn settings(state: web::Data<AppState>, admin: DesaAdmin) -> Result<HttpResponse> {
    let s = state
        .db
        .tenant_read(&admin.desa.tenant, |conn, tenant| {
            store::settings(conn, tenant)
        })
        .await?;
    Ok(HttpResponse::Ok().json(s))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    number_format: Option<String>,
    single_sequence: Option<bool>,
    /// `a4` or `f4`.
    paper: Option<String>,
    /// The sekretaris desa initials each letter before the kepala desa signs.
    paraf: Option<bool>,
}

#[utoipa::path(put, path = "/api/v1/desa/{desa}/letter-settings", tag = "surat",
    params(("desa" = String, Path)), request_body = SettingsChange,
    responses((status = 200, body = store::Settings), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn change_settings(
    state: web::Data<AppState>,
    admin: DesaAdmin,
    body: Json<SettingsChange>,
) -> Result<HttpResponse> {
    let Json(change) = body;
    let format = change
        .number_format
        .as_deref()
        .map(numbering::check_format)
        .transpose()?;
    if let Some(p) = change.paper.as_deref() {
        if !matches!(p, "a4" | "f4") {
            return Err(Error::invalid(
                "paper",
                "pilihan: a4 atau f4 (215 x 330 mm)",
            ));
        }
    }
    let saved = state
        .db
        .write(&admin.desa.tenant, &admin.caller.user, move |w| {
            let mut s = store::settings(w.conn, w.tenant)?;
            if let Some(f) = format {
                s.number_format = f;
            }
            if let Some(v) = change.single_sequence {
                s.single_sequence = v;
            }
            if let Some(p) = change.paper {
                s.paper = p;
            }
            if let Some(v) = change.paraf {
                if !v && s.paraf {
                    refuse_while_waiting(w.conn, w.tenant)?;
                }
                s.paraf = v;
            }
            store::save_settings(w.conn, w.tenant, &s, w.now)?;
            w.audit("letter.settings.change", "", &s.number_format)?;
            Ok(s)
        })
        .await?;
    Ok(HttpResponse::Ok().json(saved))
}
