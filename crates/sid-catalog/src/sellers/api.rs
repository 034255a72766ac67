//! The desa's sellers over HTTP, for its staff: who they are, their photo, and the account a
//! seller may be given for its own products.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use sid_core::auth::users::{self, NewUser, Username};
use sid_core::auth::{hash_password, Password, Staff, UserView};
use sid_core::fields::{Required, Text};
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{ids, photos, AppState, Error, Result};
use utoipa::OpenApi;

use super::{store, Seller};
use crate::emall::index;
use crate::licence::Nib;
use crate::whatsapp::WhatsApp;

#[derive(OpenApi)]
#[openapi(
    paths(list, create, show, update, remove, set_photo, create_account),
    components(schemas(Seller, NewSeller, SellerUpdate, SellerAccount))
)]
pub struct SellersDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/sellers", web::get().to(list))
        .route("/sellers", web::post().to(create))
        .route("/sellers/{id}", web::get().to(show))
        .route("/sellers/{id}", web::patch().to(update))
        .route("/sellers/{id}", web::delete().to(remove))
        .route("/sellers/{id}/photo", web::post().to(set_photo))
        .route("/sellers/{id}/account", web::post().to(create_account));
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSeller {
    #[schema(value_type = String, example = "Keripik Bu Sarah")]
    name: Required<120>,
    #[schema(value_type = Option<String>)]
    owner_name: Option<Text<120>>,
    /// The owner's resident record in this desa.
    resident_id: Option<String>,
    whatsapp: WhatsApp,
    #[schema(value_type = Option<String>)]
    address: Option<Text<300>>,
    #[schema(value_type = Option<String>)]
    description: Option<Text<2000>>,
    #[schema(value_type = Option<String>, example = "9120301234567")]
    nib: Option<Nib>,
    #[schema(value_type = Option<String>)]
    pirt: Option<Text<40>>,
    #[schema(value_type = Option<String>)]
    halal: Option<Text<60>>,
}

/// Fields to change; an absent field stays as it is, an empty string clears it.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SellerUpdate {
    #[schema(value_type = Option<String>)]
    name: Option<Required<120>>,
    #[schema(value_type = Option<String>)]
    owner_name: Option<Text<120>>,
    /// The owner's resident record in this desa; an empty string unlinks it.
    resident_id: Option<String>,
    whatsapp: Option<WhatsApp>,
    #[schema(value_type = Option<String>)]
    address: Option<Text<300>>,
    #[schema(value_type = Option<String>)]
    description: Option<Text<2000>>,
    #[schema(value_type = Option<String>)]
    nib: Option<Nib>,
    #[schema(value_type = Option<String>)]
    pirt: Option<Text<40>>,
    #[schema(value_type = Option<String>)]
    halal: Option<Text<60>>,
}

/// Links the owner to a resident of this desa (its name becomes the owner's when none is given).
fn link_owner(
    conn: &mut sid_core::db::DbConn,
    tenant: &sid_core::TenantId,
    s: &mut Seller,
    resident_id: Option<String>,
) -> Result<()> {
    match resident_id.filter(|r| !r.trim().is_empty()) {
        Some(id) => {
            let name = store::resident_name(conn, tenant, &id)?;
            s.owner_name.get_or_insert(name);
            s.resident_id = Some(id);
        }
        None => s.resident_id = None,
    }
    Ok(())
}

/// The desa's sellers, by name.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/sellers", tag = "produk",
    params(("desa" = String, Path), PageQuery),
    responses((status = 200, body = Page<Seller>), (status = 403)), security(("bearer" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let page = PageParams::parse(&query)?;
    let (items, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, &page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

#[utoipa::path(post, path = "/api/v1/desa/{desa}/sellers", tag = "produk",
    params(("desa" = String, Path)), request_body = NewSeller,
    responses((status = 201, body = Seller), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<NewSeller>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let seller = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let mut s = Seller {
                id: ids::new_id(),
                name: input.name.0,
                owner_name: input.owner_name.and_then(|t| t.0),
                resident_id: None,
                whatsapp: input.whatsapp.into(),
                address: input.address.and_then(|t| t.0),
                description: input.description.and_then(|t| t.0),
                photo_id: None,
                nib: input.nib.and_then(|n| n.0),
                pirt: input.pirt.and_then(|t| t.0),
                halal: input.halal.and_then(|t| t.0),
                created_at: w.now,
                updated_at: w.now,
            };
            link_owner(w.conn, w.tenant, &mut s, input.resident_id)?;
            store::insert(w.conn, w.tenant, &s)?;
            w.audit("seller.create", &s.id, &s.name)?;
            Ok(s)
        })
        .await?;
    Ok(HttpResponse::Created().json(seller))
}

#[utoipa::path(get, path = "/api/v1/desa/{desa}/sellers/{id}", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Seller), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let seller = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::find(conn, tenant, &id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(seller))
}

#[utoipa::path(patch, path = "/api/v1/desa/{desa}/sellers/{id}", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = SellerUpdate,
    responses((status = 200, body = Seller), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<SellerUpdate>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(change) = body;
    let desa = staff.desa.clone();
    let seller = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let mut s = store::find(w.conn, w.tenant, &id)?;
            let mut changed = Vec::new();
            if let Some(v) = change.name {
                s.name = v.0;
                changed.push("name");
            }
            if let Some(v) = change.whatsapp {
                s.whatsapp = v.into();
                changed.push("whatsapp");
            }
            macro_rules! texts {
                ($($f:ident),*) => {$(
                    if let Some(v) = change.$f {
                        s.$f = v.0;
                        changed.push(stringify!($f));
                    }
                )*};
            }
            texts!(owner_name, address, description, nib, pirt, halal);
            if change.resident_id.is_some() {
                link_owner(w.conn, w.tenant, &mut s, change.resident_id)?;
                changed.push("resident_id");
            }
            s.updated_at = w.now;
            store::save(w.conn, w.tenant, &s)?;
            index::refresh_seller(w.conn, &desa, &s.id, &s.name)?;
            w.audit("seller.update", &s.id, &changed.join(","))?;
            Ok(s)
        })
        .await?;
    Ok(HttpResponse::Ok().json(seller))
}

/// Removes a seller that has no products and no account.
#[utoipa::path(delete, path = "/api/v1/desa/{desa}/sellers/{id}", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 204), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
pub async fn remove(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let photo = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let s = store::find(w.conn, w.tenant, &id)?;
            store::delete(w.conn, w.tenant, &s.id)?;
            w.audit("seller.delete", &s.id, &s.name)?;
            Ok(s.photo_id)
        })
        .await?;
    if let Some(photo) = photo {
        photos::remove(&state.files, &staff.desa.tenant, &photo)?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Sets the seller's photo (same rules as a product's), replacing the one before.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/sellers/{id}/photo", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path)),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 200, body = Seller), (status = 403), (status = 404), (status = 413),
        (status = 415), (status = 422)),
    security(("bearer" = [])))]
pub async fn set_photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let prepared = photos::receive(&req, payload).await?;
    let (tenant, user) = (&staff.desa.tenant, &staff.caller.user);
    let seller = photos::replace(&state, tenant, user, prepared, move |w, photo, _| {
        let mut s = store::find(w.conn, w.tenant, &id)?;
        let old = s.photo_id.replace(photo.to_string());
        s.updated_at = w.now;
        store::save(w.conn, w.tenant, &s)?;
        w.audit("seller.photo", &s.id, "")?;
        Ok((s, old))
    })
    .await?;
    Ok(HttpResponse::Ok().json(seller))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SellerAccount {
    #[schema(value_type = String, example = "keripik.sarah")]
    username: Username,
    #[schema(value_type = String)]
    password: String,
}

/// Gives the seller an account (role `umkm`) that manages its own products only; one per seller.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/sellers/{id}/account", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = SellerAccount,
    responses((status = 201, body = UserView), (status = 400), (status = 403), (status = 404),
        (status = 409)),
    security(("bearer" = [])))]
pub async fn create_account(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<SellerAccount>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(input) = body;
    let password = Password::parse("password", input.password)?;
    let pepper = state.auth.pepper.clone();
    let secret = password.clone();
    let hash = web::block(move || hash_password(&pepper, secret.expose()))
        .await
        .map_err(Error::internal)??;
    let tenant = staff.desa.tenant.clone();
    let user = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let s = store::find(w.conn, w.tenant, &id)?;
            if let Some(existing) = store::account(w.conn, w.tenant, &s.id)? {
                return Err(Error::Conflict(format!(
                    "Penjual ini sudah punya akun ({existing})."
                )));
            }
            let new = NewUser::seller(input.username, password, tenant, s.id.clone());
            let user = users::insert(w.conn, &new, &hash, w.now)?;
            w.audit(
                "user.create",
                &user.id,
                &format!("akun {} (umkm)", user.username),
            )?;
            Ok(user)
        })
        .await?;
    Ok(HttpResponse::Created().json(UserView::new(user, &state.directory)))
}
