//! The products of a desa: what its sellers offer, with price, photos and whether it is for sale
//! now; ordered by WhatsApp.

pub mod api;
pub mod input;
pub mod pages;
pub mod reading;
pub mod store;
pub mod view;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sid_core::schema::{product_photos, products};

/// A product row as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = products)]
pub struct Product {
    pub id: String,
    pub seller_id: String,
    pub name: String,
    pub category: String,
    pub price_min: i64,
    pub price_max: Option<i64>,
    pub unit: String,
    pub description: String,
    pub available: bool,
    pub featured: bool,
    pub published: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Product {
    /// In the e-mall: published and for sale now (the desa being active is the registry's).
    pub fn listed(&self) -> bool {
        self.published && self.available
    }
}

/// At most this many photos per product.
pub const MAX_PHOTOS: i64 = 5;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = product_photos)]
pub struct Photo {
    pub id: String,
    pub product_id: String,
    pub position: i32,
    pub width: i32,
    pub height: i32,
}
