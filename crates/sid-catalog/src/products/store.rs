use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::pagination::{CountOver, PageParams};
use sid_core::schema::{product_photos, products, sellers};
use sid_core::{Error, Result, TenantId};

use super::{Photo, Product, MAX_PHOTOS};

/// A product of the desa; for a seller's account, only one of its own.
pub fn find(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    own_seller: Option<&str>,
) -> Result<Product> {
    let mut query = products::table
        .filter(products::desa_id.eq(tenant.as_str()))
        .filter(products::id.eq(id))
        .select(Product::as_select())
        .into_boxed();
    if let Some(seller) = own_seller {
        query = query.filter(products::seller_id.eq(seller));
    }
    query
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::NotFound("Produk".into()))
}

/// Which products a list shows.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    /// Only published ones (the public's view).
    pub published_only: bool,
    pub seller: Option<String>,
}

/// One page of the desa's products: featured first, then newest.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    shown: &Shown,
    page: &PageParams,
) -> Result<(Vec<Product>, i64)> {
    let mut query = products::table
        .filter(products::desa_id.eq(tenant.as_str()))
        .select((Product::as_select(), CountOver))
        .into_boxed();
    if shown.published_only {
        query = query.filter(products::published);
    }
    if let Some(seller) = &shown.seller {
        query = query.filter(products::seller_id.eq(seller));
    }
    let rows: Vec<(Product, i64)> = query
        .order((
            products::featured.desc(),
            products::created_at.desc(),
            products::id.desc(),
        ))
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    let total = rows.first().map_or(0, |r| r.1);
    Ok((rows.into_iter().map(|r| r.0).collect(), total))
}

pub fn insert(conn: &mut DbConn, tenant: &TenantId, p: &Product) -> Result<()> {
    diesel::insert_into(products::table)
        .values((
            products::desa_id.eq(tenant.as_str()),
            products::id.eq(&p.id),
            products::seller_id.eq(&p.seller_id),
            products::created_at.eq(p.created_at),
            values(p),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn save(conn: &mut DbConn, tenant: &TenantId, p: &Product) -> Result<()> {
    diesel::update(
        products::table
            .filter(products::desa_id.eq(tenant.as_str()))
            .filter(products::id.eq(&p.id)),
    )
    .set(values(p))
    .execute(conn)?;
    Ok(())
}

type Values<'a> = (
    diesel::dsl::Eq<products::name, &'a String>,
    diesel::dsl::Eq<products::category, &'a String>,
    diesel::dsl::Eq<products::price_min, i64>,
    diesel::dsl::Eq<products::price_max, Option<i64>>,
    diesel::dsl::Eq<products::unit, &'a String>,
    diesel::dsl::Eq<products::description, &'a String>,
    diesel::dsl::Eq<products::available, bool>,
    diesel::dsl::Eq<products::featured, bool>,
    diesel::dsl::Eq<products::published, bool>,
    diesel::dsl::Eq<products::updated_at, chrono::NaiveDateTime>,
);

fn values(p: &Product) -> Values<'_> {
    (
        products::name.eq(&p.name),
        products::category.eq(&p.category),
        products::price_min.eq(p.price_min),
        products::price_max.eq(p.price_max),
        products::unit.eq(&p.unit),
        products::description.eq(&p.description),
        products::available.eq(p.available),
        products::featured.eq(p.featured),
        products::published.eq(p.published),
        products::updated_at.eq(p.updated_at),
    )
}

/// Removes a product with its photos' rows; returns the photos' ids, whose files go once the
/// transaction has committed.
pub fn delete(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Vec<String>> {
    let photos: Vec<String> = photos_of(conn, tenant, &[id.to_string()])?
        .into_iter()
        .map(|p| p.id)
        .collect();
    diesel::delete(
        product_photos::table
            .filter(product_photos::desa_id.eq(tenant.as_str()))
            .filter(product_photos::product_id.eq(id)),
    )
    .execute(conn)?;
    diesel::delete(
        products::table
            .filter(products::desa_id.eq(tenant.as_str()))
            .filter(products::id.eq(id)),
    )
    .execute(conn)?;
    Ok(photos)
}

/// The photos of some products, in their order.
pub fn photos_of(conn: &mut DbConn, tenant: &TenantId, ids: &[String]) -> Result<Vec<Photo>> {
    Ok(product_photos::table
        .filter(product_photos::desa_id.eq(tenant.as_str()))
        .filter(product_photos::product_id.eq_any(ids))
        .select(Photo::as_select())
        .order((product_photos::product_id, product_photos::position))
        .load(conn)?)
}

/// Adds a photo after the product's others; refused past the limit.
pub fn add_photo(
    conn: &mut DbConn,
    tenant: &TenantId,
    photo: &Photo,
    now: chrono::NaiveDateTime,
) -> Result<()> {
    let existing = photos_of(conn, tenant, std::slice::from_ref(&photo.product_id))?;
    if existing.len() as i64 >= MAX_PHOTOS {
        return Err(Error::Conflict(format!(
            "Sudah ada {MAX_PHOTOS} foto; hapus satu foto terlebih dahulu."
        )));
    }
    let position = existing.iter().map(|p| p.position + 1).max().unwrap_or(0);
    diesel::insert_into(product_photos::table)
        .values((
            product_photos::desa_id.eq(tenant.as_str()),
            product_photos::id.eq(&photo.id),
            product_photos::product_id.eq(&photo.product_id),
            product_photos::position.eq(position),
            product_photos::width.eq(photo.width),
            product_photos::height.eq(photo.height),
            product_photos::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn remove_photo(
    conn: &mut DbConn,
    tenant: &TenantId,
    product_id: &str,
    id: &str,
) -> Result<()> {
    let removed = diesel::delete(
        product_photos::table
            .filter(product_photos::desa_id.eq(tenant.as_str()))
            .filter(product_photos::product_id.eq(product_id))
            .filter(product_photos::id.eq(id)),
    )
    .execute(conn)?;
    if removed == 0 {
        return Err(Error::NotFound("Foto".into()));
    }
    Ok(())
}

/// Who may see a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoShown {
    /// Anyone (a seller's photo, a published product's): shared caches may keep it.
    Public,
    /// Only this caller, who may change the unpublished product.
    ToEditor,
    Hidden,
}

/// Who may see a photo: a seller's photo anyone, a product's anyone while the product is
/// published, else whoever may change that product.
pub fn photo_shown(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    scope: Option<Option<String>>,
) -> Result<PhotoShown> {
    let of_product: Option<(bool, String)> = product_photos::table
        .inner_join(
            products::table.on(products::desa_id
                .eq(product_photos::desa_id)
                .and(products::id.eq(product_photos::product_id))),
        )
        .filter(product_photos::desa_id.eq(tenant.as_str()))
        .filter(product_photos::id.eq(id))
        .select((products::published, products::seller_id))
        .first(conn)
        .optional()?;
    if let Some((published, seller)) = of_product {
        let editor = scope.is_some_and(|own| own.is_none_or(|s| s == seller));
        return Ok(match (published, editor) {
            (true, _) => PhotoShown::Public,
            (false, true) => PhotoShown::ToEditor,
            (false, false) => PhotoShown::Hidden,
        });
    }
    let sellers_photo: i64 = sellers::table
        .filter(sellers::desa_id.eq(tenant.as_str()))
        .filter(sellers::photo_id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(if sellers_photo > 0 {
        PhotoShown::Public
    } else {
        PhotoShown::Hidden
    })
}
