use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use sid_core::auth::DesaAdmin;
use sid_core::http::Json;
use sid_core::{photos, AppState, Desa, Result};
use utoipa::OpenApi;

use sid_core::fields::{Email, Hectares, Phone, Point, Text};

use super::store::{self, Profile};
use super::{load, DesaProfile};

#[derive(OpenApi)]
#[openapi(
    paths(public_profile, update_profile, set_photo),
    components(schemas(DesaProfile, Profile, ProfileUpdate))
)]
pub struct ProfileDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(public_profile))
        .route("/profile", web::patch().to(update_profile))
        .route("/profile/photo", web::put().to(set_photo));
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
    /// Sejarah desa, in Markdown.
    #[schema(value_type = Option<String>)]
    history: Option<Text<20000>>,
    #[schema(value_type = Option<String>)]
    vision: Option<Text<1000>>,
    /// In Markdown, e.g. one `- point` a line.
    #[schema(value_type = Option<String>)]
    mission: Option<Text<5000>>,
    #[schema(value_type = Option<f64>, example = 412.5)]
    area_ha: Option<Hectares>,
    #[schema(value_type = Option<String>, example = "Desa Pejaten")]
    border_north: Option<Text<150>>,
    #[schema(value_type = Option<String>)]
    border_east: Option<Text<150>>,
    #[schema(value_type = Option<String>)]
    border_south: Option<Text<150>>,
    #[schema(value_type = Option<String>)]
    border_west: Option<Text<150>>,
    #[schema(value_type = Option<String>, example = "Senin–Jumat 08.00–15.00 WIB")]
    office_hours: Option<Text<200>>,
    /// Where the desa office is.
    coordinates: Option<Point>,
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
            apply!(
                address,
                phone,
                email,
                kepala_desa,
                description,
                history,
                vision,
                mission,
                border_north,
                border_east,
                border_south,
                border_west,
                office_hours
            );
            if let Some(a) = update.area_ha {
                p.area_ha = Some(a.0);
                changed.push("area_ha");
            }
            if let Some(Point(lat, lon)) = update.coordinates {
                (p.latitude, p.longitude) = (Some(lat), Some(lon));
                changed.push("coordinates");
            }
            store::save(w.conn, w.tenant, &p, w.now)?;
            w.audit("profile.update", "profil desa", &changed.join(","))?;
            Ok(p)
        })
        .await?;
    let view = DesaProfile::new(&state.public_url, admin.desa, profile);
    Ok(HttpResponse::Ok().json(view))
}

/// The desa's photo, at the head of its site (JPEG, PNG or WebP, at most 8 MiB and 4096 pixels
/// a side), kept re-encoded without its metadata; it replaces the one before.
#[utoipa::path(put, path = "/api/v1/desa/{desa}/profile/photo", tag = "desa",
    params(("desa" = String, Path, description = "slug atau kode Kemendagri")),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 200, body = DesaProfile), (status = 403), (status = 413), (status = 415),
        (status = 422)),
    security(("bearer" = [])))]
pub async fn set_photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: DesaAdmin,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let prepared = photos::receive(&req, payload).await?;
    let (tenant, user) = (&admin.desa.tenant, &admin.caller.user);
    let profile = photos::replace(&state, tenant, user, prepared, |w, id, p| {
        let before = store::get(w.conn, w.tenant)?.photo;
        store::set_photo(w.conn, w.tenant, id, p.width, p.height, w.now)?;
        w.audit("profile.photo", "profil desa", id)?;
        Ok((store::get(w.conn, w.tenant)?, before))
    })
    .await?;
    let view = DesaProfile::new(&state.public_url, admin.desa, profile);
    Ok(HttpResponse::Ok().json(view))
}
