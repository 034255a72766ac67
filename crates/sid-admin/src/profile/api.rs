use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::DesaAdmin;
use sid_core::http::Json;
use sid_core::{AppState, Desa, Result};
use utoipa::OpenApi;

use sid_core::fields::{Email, Phone, Text};

use super::store::{self, Profile};
use super::{load, DesaProfile};

#[derive(OpenApi)]
#[openapi(
    paths(public_profile, update_profile),
    components(schemas(DesaProfile, Profile, ProfileUpdate))
)]
pub struct ProfileDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(public_profile))
        .route("/profile", web::patch().to(update_profile));
}

/// One desa's public profile.
#[utoipa::path(get, path = "/api/v1/desa/{desa}", tag = "desa",
    params(("desa" = String, Path, description = "slug atau kode Kemendagri")),
    responses((status = 200, body = DesaProfile), (status = 404)))]
pub async fn public_profile(state: web::Data<AppState>, desa: Desa) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(load(&state, desa).await?))
}

/// Fields to change; an absent field stays as it is, an empty string clears it.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileUpdate {
    #[schema(value_type = Option<String>)]
    address: Option<Text<300>>,
    #[schema(value_type = Option<String>, example = "0254-123456")]
    phone: Option<Phone>,
    #[schema(value_type = Option<String>)]
    email: Option<Email>,
    #[schema(value_type = Option<String>)]
    kepala_desa: Option<Text<120>>,
    #[schema(value_type = Option<String>)]
    description: Option<Text<5000>>,
}

/// Changes the desa's profile (its admin only).
#[utoipa::path(patch, path = "/api/v1/desa/{desa}/profile", tag = "desa",
    params(("desa" = String, Path, description = "slug atau kode Kemendagri")),
    request_body = ProfileUpdate,
    responses((status = 200, body = DesaProfile), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn update_profile(
    state: web::Data<AppState>,
    admin: DesaAdmin,
    body: Json<ProfileUpdate>,
) -> Result<HttpResponse> {
    let Json(update) = body;
    let profile = state
        .db
        .write(&admin.desa.tenant, &admin.caller.user, move |w| {
            let mut p = store::get(w.conn, w.tenant)?;
            let mut changed = Vec::new();
            macro_rules! apply {
                ($($field:ident),*) => {$(
                    if let Some(v) = update.$field {
                        p.$field = v.0;
                        changed.push(stringify!($field));
                    }
                )*};
            }
            apply!(address, phone, email, kepala_desa, description);
            store::save(w.conn, w.tenant, &p, w.now)?;
            w.audit("profile.update", "profil desa", &changed.join(","))?;
            Ok(p)
        })
        .await?;
    Ok(HttpResponse::Ok().json(DesaProfile::new(admin.desa, profile)))
}
