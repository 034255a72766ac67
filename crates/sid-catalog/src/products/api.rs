//! The desa's products over HTTP: the public list and page data for anyone, changes for the
//! desa's staff and, for their own products, sellers' accounts.

use actix_web::{web, HttpRequest, HttpResponse};
use sid_core::auth::{Caller, CatalogEditor};
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{ids, photos, AppState, Desa, Error, Result};
use utoipa::OpenApi;

use super::input::{self, NewProduct, ProductUpdate};
use super::reading::{load, shown_to};
use super::store;
use super::view::{DesaOf, PhotoView, ProductView, SellerOf};
use super::{reading, Photo, Product};
use crate::emall::index;
use crate::sellers;

#[derive(OpenApi)]
#[openapi(
    paths(list, create, show, update, remove, add_photo, remove_photo),
    components(schemas(ProductView, DesaOf, SellerOf, PhotoView, NewProduct, ProductUpdate))
)]
pub struct ProductsDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/products", web::get().to(list))
        .route("/products", web::post().to(create))
        .route("/products/{id}", web::get().to(show))
        .route("/products/{id}", web::patch().to(update))
        .route("/products/{id}", web::delete().to(remove))
        .route("/products/{id}/photos", web::post().to(add_photo))
        .route(
            "/products/{id}/photos/{photo}",
            web::delete().to(remove_photo),
        );
}

/// The desa's products: published ones (sold out included, marked) for anyone, featured first
/// and newest next; the desa's staff see unpublished ones too.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/products", tag = "produk",
    params(("desa" = String, Path), PageQuery),
    responses((status = 200, body = Page<ProductView>), (status = 404)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let page = PageParams::parse(&query)?;
    let shown = shown_to(caller.as_ref(), &desa);
    let base = state.public_url.clone();
    let tenant = desa.tenant.clone();
    let (items, total) = state
        .db
        .tenant_read(&tenant, move |conn, tenant| {
            let (products, total) = store::list(conn, tenant, &shown, &page)?;
            let rows = products.into_iter().map(|p| (desa.clone(), p)).collect();
            Ok((reading::views(conn, &base, rows)?, total))
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

#[utoipa::path(get, path = "/api/v1/desa/{desa}/products/{id}", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = ProductView), (status = 404)))]
pub async fn show(
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    Ok(HttpResponse::Ok().json(load(&state, caller.as_ref(), desa, id).await?))
}

/// Adds a product; a seller's account adds to its own seller only.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/products", tag = "produk",
    params(("desa" = String, Path)), request_body = NewProduct,
    responses((status = 201, body = ProductView), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    editor: CatalogEditor,
    body: Json<NewProduct>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let seller_id = match (&editor.own_seller, input.seller_id) {
        (Some(own), Some(asked)) if *own != asked => {
            return Err(Error::Forbidden(
                "Akun penjual hanya dapat menambah produknya sendiri.".into(),
            ))
        }
        (Some(own), _) => own.clone(),
        (None, Some(asked)) => asked,
        (None, None) => return Err(Error::invalid("seller_id", "wajib diisi: pilih penjualnya")),
    };
    let desa = editor.desa.clone();
    let base = state.public_url.clone();
    let view = state
        .db
        .write(&editor.desa.tenant, &editor.caller.user, move |w| {
            let seller = sellers::store::find(w.conn, w.tenant, &seller_id)
                .map_err(|_| Error::invalid("seller_id", "penjual ini tidak ada di desa ini"))?;
            let p = Product {
                id: ids::new_id(),
                seller_id: seller.id.clone(),
                name: input.name.0,
                category: input.category.code().to_string(),
                price_min: input.price.0,
                price_max: input.price_max.map(|r| r.0).filter(|v| *v > 0),
                unit: input.unit.0,
                description: input.description.and_then(|d| d.0).unwrap_or_default(),
                available: input.available.unwrap_or(true),
                featured: input.featured.unwrap_or(false),
                published: input.published.unwrap_or(true),
                created_at: w.now,
                updated_at: w.now,
            };
            input::check(&p)?;
            store::insert(w.conn, w.tenant, &p)?;
            index::refresh(w.conn, &desa, &p, &seller.name)?;
            w.audit("product.create", &p.id, &p.name)?;
            let mut views = reading::views(w.conn, &base, vec![(desa, p)])?;
            views
                .pop()
                .ok_or_else(|| Error::Internal("produk baru".into()))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Changes a product.
#[utoipa::path(patch, path = "/api/v1/desa/{desa}/products/{id}", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = ProductUpdate,
    responses((status = 200, body = ProductView), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn update(
    state: web::Data<AppState>,
    editor: CatalogEditor,
    path: web::Path<(String, String)>,
    body: Json<ProductUpdate>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(change) = body;
    let (desa, own) = (editor.desa.clone(), editor.own_seller.clone());
    let base = state.public_url.clone();
    let view = state
        .db
        .write(&editor.desa.tenant, &editor.caller.user, move |w| {
            let mut p = store::find(w.conn, w.tenant, &id, own.as_deref())?;
            let changed = change.apply(&mut p)?;
            p.updated_at = w.now;
            store::save(w.conn, w.tenant, &p)?;
            let seller = sellers::store::find(w.conn, w.tenant, &p.seller_id)?;
            index::refresh(w.conn, &desa, &p, &seller.name)?;
            w.audit("product.update", &p.id, &changed.join(","))?;
            let mut views = reading::views(w.conn, &base, vec![(desa, p)])?;
            views.pop().ok_or_else(|| Error::Internal("produk".into()))
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Deletes a product with its photos.
#[utoipa::path(delete, path = "/api/v1/desa/{desa}/products/{id}", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
pub async fn remove(
    state: web::Data<AppState>,
    editor: CatalogEditor,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let (desa, own) = (editor.desa.clone(), editor.own_seller.clone());
    let gone = state
        .db
        .write(&editor.desa.tenant, &editor.caller.user, move |w| {
            let mut p = store::find(w.conn, w.tenant, &id, own.as_deref())?;
            p.published = false;
            index::refresh(w.conn, &desa, &p, "")?;
            let photos = store::delete(w.conn, w.tenant, &p.id)?;
            w.audit("product.delete", &p.id, &p.name)?;
            Ok(photos)
        })
        .await?;
    for photo in gone {
        photos::remove(&state.files, &editor.desa.tenant, &photo)?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Adds a photo (JPEG, PNG or WebP, at most 8 MiB and 4096 pixels a side) to a product; it is
/// kept re-encoded, at most 1200 pixels a side, with a 400-pixel thumbnail.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/products/{id}/photos", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path)),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 201, body = PhotoView), (status = 403), (status = 404), (status = 409),
        (status = 413), (status = 415), (status = 422)),
    security(("bearer" = [])))]
pub async fn add_photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    editor: CatalogEditor,
    path: web::Path<(String, String)>,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let (_, product_id) = path.into_inner();
    let prepared = photos::receive(&req, payload).await?;
    let own = editor.own_seller.clone();
    let files = state.files.clone();
    let desa = editor.desa.clone();
    let base = state.public_url.clone();
    let (photo, staged) = state
        .db
        .write(&editor.desa.tenant, &editor.caller.user, move |w| {
            let p = store::find(w.conn, w.tenant, &product_id, own.as_deref())?;
            let photo = Photo {
                id: ids::new_id(),
                product_id: p.id.clone(),
                position: 0,
                width: prepared.width,
                height: prepared.height,
            };
            store::add_photo(w.conn, w.tenant, &photo, w.now)?;
            let staged = photos::stage(&files, w.tenant, &photo.id, &prepared)?;
            w.audit("product.photo.add", &p.id, &photo.id)?;
            Ok((photo, staged))
        })
        .await?;
    staged.into_iter().for_each(|s| s.keep());
    let view = PhotoView {
        url: super::view::photo_url(&base, &desa, &photo.id, "besar"),
        thumb_url: super::view::photo_url(&base, &desa, &photo.id, "kecil"),
        path: super::view::photo_url("", &desa, &photo.id, "besar"),
        thumb_path: super::view::photo_url("", &desa, &photo.id, "kecil"),
        id: photo.id,
        width: photo.width,
        height: photo.height,
    };
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(delete, path = "/api/v1/desa/{desa}/products/{id}/photos/{photo}", tag = "produk",
    params(("desa" = String, Path), ("id" = String, Path), ("photo" = String, Path)),
    responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
pub async fn remove_photo(
    state: web::Data<AppState>,
    editor: CatalogEditor,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse> {
    let (_, product_id, photo_id) = path.into_inner();
    let own = editor.own_seller.clone();
    let removed = photo_id.clone();
    state
        .db
        .write(&editor.desa.tenant, &editor.caller.user, move |w| {
            let p = store::find(w.conn, w.tenant, &product_id, own.as_deref())?;
            store::remove_photo(w.conn, w.tenant, &p.id, &photo_id)?;
            w.audit("product.photo.remove", &p.id, &photo_id)
        })
        .await?;
    photos::remove(&state.files, &editor.desa.tenant, &removed)?;
    Ok(HttpResponse::NoContent().finish())
}
