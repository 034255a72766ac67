//! The sellers (UMKM) of a desa: who makes and sells its products, and how to reach them.

pub mod api;
pub mod pages;
pub mod store;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::schema::sellers;

use crate::whatsapp::WhatsApp;

/// A seller as the desa's staff see it.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = sellers)]
pub struct Seller {
    pub id: String,
    pub name: String,
    pub owner_name: Option<String>,
    /// The owner's resident record in this desa, when linked.
    pub resident_id: Option<String>,
    /// `+628…`, as parsed by `WhatsApp`.
    pub whatsapp: String,
    pub address: Option<String>,
    pub description: Option<String>,
    pub photo_id: Option<String>,
    /// Nomor Induk Berusaha.
    pub nib: Option<String>,
    /// Sertifikat Produksi Pangan Industri Rumah Tangga.
    pub pirt: Option<String>,
    /// Sertifikat halal.
    pub halal: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Seller {
    pub fn whatsapp(&self) -> WhatsApp {
        WhatsApp::stored(self.whatsapp.clone())
    }
}
