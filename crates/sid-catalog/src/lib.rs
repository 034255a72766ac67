//! Products of each desa (produk unggulan, UMKM) and the regency e-mall: sellers and their
//! products per desa, public pages with WhatsApp ordering, and one search over every desa.

mod category;
mod emall;
mod licence;
mod price;
mod products;
mod sellers;
pub mod synthetic;
mod whatsapp;

use std::collections::{BTreeMap, HashMap};

use actix_web::web;
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::schema::{products as product_rows, sellers as seller_rows};
use sid_core::{Module, Result};
use utoipa::OpenApi;

/// The catalogue, as the composition root mounts it.
pub const MODULE: Module = Module {
    api: configure_api,
    pages: configure_pages,
    regency_api: emall::api::configure,
    regency_pages: emall::pages::configure,
    openapi,
    ..Module::new("catalog")
};

/// API routes under `/api/v1/desa/{desa}`.
fn configure_api(cfg: &mut web::ServiceConfig) {
    products::api::configure(cfg);
    sellers::api::configure(cfg);
}

/// Page routes under `/desa/{desa}`.
fn configure_pages(cfg: &mut web::ServiceConfig) {
    products::pages::configure(cfg);
    sellers::pages::configure(cfg);
}

fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = products::api::ProductsDoc::openapi();
    doc.merge(sellers::api::SellersDoc::openapi());
    doc.merge(emall::api::EmallDoc::openapi());
    doc
}

/// The catalogue's figures of one desa, for the regency's dashboard.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct DesaCatalog {
    /// Every product, published or not.
    pub products: i64,
    /// Products in the e-mall now (published and available).
    pub listed: i64,
    pub sellers: i64,
    /// Products per category code.
    pub by_category: BTreeMap<String, i64>,
}

/// The catalogue's figures of every desa that has any, by desa id (a regency-wide read).
pub fn figures(conn: &mut DbConn) -> Result<HashMap<String, DesaCatalog>> {
    let by = (product_rows::desa_id, product_rows::category);
    let all: Vec<(String, String, i64)> = product_rows::table
        .group_by(by)
        .select((product_rows::desa_id, product_rows::category, count_star()))
        .load(conn)?;
    let listed: Vec<(String, i64)> = product_rows::table
        .filter(product_rows::published)
        .filter(product_rows::available)
        .group_by(product_rows::desa_id)
        .select((product_rows::desa_id, count_star()))
        .load(conn)?;
    let sellers: Vec<(String, i64)> = seller_rows::table
        .group_by(seller_rows::desa_id)
        .select((seller_rows::desa_id, count_star()))
        .load(conn)?;
    let mut out: HashMap<String, DesaCatalog> = HashMap::new();
    for (desa, category, n) in all {
        let d = out.entry(desa).or_default();
        d.products += n;
        d.by_category.insert(category, n);
    }
    for (desa, n) in listed {
        out.entry(desa).or_default().listed = n;
    }
    for (desa, n) in sellers {
        out.entry(desa).or_default().sellers = n;
    }
    Ok(out)
}
