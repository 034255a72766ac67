//! Products with what their views need (sellers, photos), loaded in three reads whatever the
//! number of products or desa: for the desa's pages and the e-mall alike.

use std::collections::HashMap;

use diesel::prelude::*;
use sid_core::auth::Caller;
use sid_core::db::DbConn;
use sid_core::schema::{product_photos, products, sellers};
use sid_core::{AppState, Desa, Error, Result};

use super::store::{self, Shown};
use super::view::{ProductView, SellerBrief};
use super::{Photo, Product};
use crate::whatsapp::WhatsApp;

/// Views of products, in the order given.
pub fn views(
    conn: &mut DbConn,
    base: &str,
    rows: Vec<(Desa, Product)>,
) -> Result<Vec<ProductView>> {
    let mut desa_ids: Vec<&str> = rows.iter().map(|(d, _)| d.tenant.as_str()).collect();
    desa_ids.sort_unstable();
    desa_ids.dedup();
    let seller_ids: Vec<&str> = rows.iter().map(|(_, p)| p.seller_id.as_str()).collect();
    let product_ids: Vec<&str> = rows.iter().map(|(_, p)| p.id.as_str()).collect();
    let found: Vec<(String, String, String, String)> = sellers::table
        .filter(sellers::desa_id.eq_any(&desa_ids))
        .filter(sellers::id.eq_any(&seller_ids))
        .select((
            sellers::desa_id,
            sellers::id,
            sellers::name,
            sellers::whatsapp,
        ))
        .load(conn)?;
    let briefs: HashMap<(String, String), SellerBrief> = found
        .into_iter()
        .map(|(desa, id, name, whatsapp)| {
            let brief = SellerBrief {
                id: id.clone(),
                name,
                whatsapp: WhatsApp::stored(whatsapp),
            };
            ((desa, id), brief)
        })
        .collect();
    let photos: Vec<(String, Photo)> = product_photos::table
        .filter(product_photos::desa_id.eq_any(&desa_ids))
        .filter(product_photos::product_id.eq_any(&product_ids))
        .select((product_photos::desa_id, Photo::as_select()))
        .order(product_photos::position)
        .load(conn)?;
    let mut photos_of: HashMap<(String, String), Vec<Photo>> = HashMap::new();
    for (desa, photo) in photos {
        photos_of
            .entry((desa, photo.product_id.clone()))
            .or_default()
            .push(photo);
    }
    rows.into_iter()
        .map(|(desa, p)| {
            let key = (desa.tenant.as_str().to_string(), p.seller_id.clone());
            let seller = briefs
                .get(&key)
                .ok_or_else(|| Error::Internal(format!("penjual {} tidak ada", p.seller_id)))?;
            let photos = photos_of.remove(&(key.0, p.id.clone())).unwrap_or_default();
            Ok(ProductView::new(base, &desa, p, seller, photos))
        })
        .collect()
}

/// The published products of the given ids (of any desa), in that order, with their desa's id.
pub fn listed(conn: &mut DbConn, ids: &[String]) -> Result<Vec<(String, Product)>> {
    let rows: Vec<(String, Product)> = products::table
        .filter(products::id.eq_any(ids))
        .filter(products::published)
        .select((products::desa_id, Product::as_select()))
        .load(conn)?;
    let mut by_id: HashMap<String, (String, Product)> =
        rows.into_iter().map(|r| (r.1.id.clone(), r)).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// What a list shows to this caller: the public sees published products; staff every one; a
/// seller's account its own.
pub fn shown_to(caller: Option<&Caller>, desa: &Desa) -> Shown {
    match caller.and_then(|c| c.catalog_scope(desa)) {
        None => Shown {
            published_only: true,
            seller: None,
        },
        Some(seller) => Shown {
            published_only: false,
            seller,
        },
    }
}

/// One product, as its page shows it; an unpublished one only to those who may change it.
pub async fn load(
    state: &AppState,
    caller: Option<&Caller>,
    desa: Desa,
    id: String,
) -> Result<ProductView> {
    let scope = caller.and_then(|c| c.catalog_scope(&desa));
    let base = state.public_url.clone();
    let tenant = desa.tenant.clone();
    state
        .db
        .tenant_read(&tenant, move |conn, tenant| {
            let p = store::find(conn, tenant, &id, None)?;
            let may_edit = scope.is_some_and(|own| own.is_none_or(|s| s == p.seller_id));
            if !p.published && !may_edit {
                return Err(Error::NotFound("Produk".into()));
            }
            let mut found = views(conn, &base, vec![(desa, p)])?;
            found.pop().ok_or_else(|| Error::NotFound("Produk".into()))
        })
        .await
}
