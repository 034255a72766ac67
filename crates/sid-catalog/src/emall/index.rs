//! Keeps `product_words`, the e-mall's index, in step with the products: rewritten in the same
//! transaction as every change to a product or its seller, holding words only while the product
//! is listed (published and available), so that a search reads this one table; and
//! `emall_counts`, the listed products per desa and category, which counts the e-mall's pages.

use std::collections::BTreeMap;

use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::{emall_counts, product_words, products};
use sid_core::{Desa, Result};

use super::words;
use crate::category::Category;
use crate::products::Product;

/// How much a word counts, by where it was found.
const NAME: i16 = 3;
const ABOUT: i16 = 2;
const DESCRIPTION: i16 = 1;

#[derive(Insertable)]
#[diesel(table_name = product_words)]
#[diesel(treat_none_as_default_value = false)]
struct Row<'a> {
    desa_id: &'a str,
    product_id: &'a str,
    word: String,
    loose: String,
    weight: i16,
    category: &'a str,
    price_min: i64,
    created_at: chrono::NaiveDateTime,
}

/// Rewrites the words of one product (none when it is not listed).
pub fn refresh(conn: &mut DbConn, desa: &Desa, product: &Product, seller_name: &str) -> Result<()> {
    let tenant = desa.tenant.as_str();
    let of_product = product_words::desa_id
        .eq(tenant)
        .and(product_words::product_id.eq(&product.id));
    let was: Option<String> = product_words::table
        .filter(of_product)
        .select(product_words::category)
        .first(conn)
        .optional()?;
    diesel::delete(product_words::table.filter(of_product)).execute(conn)?;
    if let Some(category) = was {
        count(conn, tenant, &category, -1)?;
    }
    if !product.listed() {
        return Ok(());
    }
    count(conn, tenant, &product.category, 1)?;
    let category = Category::parse(&product.category).map_or("", Category::label);
    let description = sid_core::markdown::to_plain(&product.description);
    let mut weights: BTreeMap<String, i16> = BTreeMap::new();
    for (text, weight) in [
        (product.name.as_str(), NAME),
        (seller_name, ABOUT),
        (desa.name.as_str(), ABOUT),
        (desa.kecamatan.name.as_str(), ABOUT),
        (category, ABOUT),
        (description.as_str(), DESCRIPTION),
    ] {
        for w in words::split(text) {
            let best = weights.entry(w).or_insert(weight);
            *best = (*best).max(weight);
        }
    }
    let rows: Vec<Row> = weights
        .into_iter()
        .map(|(word, weight)| Row {
            desa_id: tenant,
            product_id: &product.id,
            loose: words::loose(&word),
            word,
            weight,
            category: &product.category,
            price_min: product.price_min,
            created_at: product.created_at,
        })
        .collect();
    // One multi-row INSERT: a description holds at most a few hundred distinct words, well
    // under SQLite's limit of bound parameters.
    let insert = diesel::insert_into(product_words::table).values(&rows);
    match conn {
        DbConn::Pg(c) => insert.execute(c)?,
        DbConn::Sqlite(c) => insert.execute(c)?,
    };
    Ok(())
}

/// Adds `delta` to the desa's listed products of a category.
fn count(conn: &mut DbConn, desa_id: &str, category: &str, delta: i64) -> Result<()> {
    let upsert = diesel::insert_into(emall_counts::table)
        .values((
            emall_counts::desa_id.eq(desa_id),
            emall_counts::category.eq(category),
            emall_counts::n.eq(delta),
        ))
        .on_conflict((emall_counts::desa_id, emall_counts::category))
        .do_update()
        .set(emall_counts::n.eq(emall_counts::n + delta));
    match conn {
        DbConn::Pg(c) => upsert.execute(c)?,
        DbConn::Sqlite(c) => upsert.execute(c)?,
    };
    Ok(())
}

/// Rewrites the words of every product of a seller (after its name changed).
pub fn refresh_seller(
    conn: &mut DbConn,
    desa: &Desa,
    seller_id: &str,
    seller_name: &str,
) -> Result<()> {
    let of_seller: Vec<Product> = products::table
        .filter(products::desa_id.eq(desa.tenant.as_str()))
        .filter(products::seller_id.eq(seller_id))
        .select(Product::as_select())
        .load(conn)?;
    for product in &of_seller {
        refresh(conn, desa, product, seller_name)?;
    }
    Ok(())
}
