//! A product as the API and the pages show it: with its desa, seller, photos, the address of its
//! page and the WhatsApp link that orders it.

use chrono::NaiveDateTime;
use serde::Serialize;
use sid_core::Desa;

use super::{Photo, Product};
use crate::category::Category;
use crate::price;
use crate::whatsapp::WhatsApp;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DesaOf {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub kecamatan: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SellerOf {
    pub id: String,
    pub name: String,
    /// The seller's page.
    pub url: String,
    #[serde(skip)]
    pub path: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PhotoView {
    pub id: String,
    pub url: String,
    pub thumb_url: String,
    /// The same files' paths on this server, for the pages.
    #[serde(skip)]
    pub path: String,
    #[serde(skip)]
    pub thumb_path: String,
    pub width: i32,
    pub height: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProductView {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub category_label: &'static str,
    /// Whole rupiah; the lower end when `price_max` is set.
    pub price: i64,
    pub price_max: Option<i64>,
    /// "Rp 15.000" or "Rp 15.000 – Rp 20.000".
    pub price_label: String,
    pub unit: String,
    /// Markdown as written by the seller.
    pub description: String,
    pub available: bool,
    pub featured: bool,
    pub published: bool,
    pub desa: DesaOf,
    pub seller: SellerOf,
    pub photos: Vec<PhotoView>,
    /// The product's page.
    pub url: String,
    /// Its path on this server, for the pages' own links.
    #[serde(skip)]
    pub path: String,
    /// A WhatsApp chat with the seller, the order message already written.
    pub order_url: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The seller's fields a product's view needs.
pub struct SellerBrief {
    pub id: String,
    pub name: String,
    pub whatsapp: WhatsApp,
}

/// A photo's address on the desa's site.
pub fn photo_url(base: &str, desa: &Desa, id: &str, size: &str) -> String {
    format!("{base}/desa/{}/foto/{size}/{id}.jpg", desa.slug)
}

impl ProductView {
    pub fn new(
        base: &str,
        desa: &Desa,
        p: Product,
        seller: &SellerBrief,
        photos: Vec<Photo>,
    ) -> ProductView {
        let path = format!("/desa/{}/produk/{}", desa.slug, p.id);
        let url = format!("{base}{path}");
        let message = format!(
            "Halo {}, saya ingin memesan {} dari Desa {} ({}). {url}",
            seller.name,
            p.name,
            desa.name,
            price::label(p.price_min, p.price_max),
        );
        let category = Category::parse(&p.category).unwrap_or(Category::Lainnya);
        ProductView {
            order_url: seller.whatsapp.chat_link(&message),
            category,
            category_label: category.label(),
            price: p.price_min,
            price_max: p.price_max,
            price_label: price::label(p.price_min, p.price_max),
            desa: DesaOf {
                code: desa.code.clone(),
                slug: desa.slug.clone(),
                name: desa.name.clone(),
                kecamatan: desa.kecamatan.name.clone(),
            },
            seller: SellerOf {
                id: seller.id.clone(),
                name: seller.name.clone(),
                url: format!("{base}/desa/{}/umkm/{}", desa.slug, seller.id),
                path: format!("/desa/{}/umkm/{}", desa.slug, seller.id),
            },
            photos: photos
                .into_iter()
                .map(|ph| PhotoView {
                    url: photo_url(base, desa, &ph.id, "besar"),
                    thumb_url: photo_url(base, desa, &ph.id, "kecil"),
                    path: photo_url("", desa, &ph.id, "besar"),
                    thumb_path: photo_url("", desa, &ph.id, "kecil"),
                    id: ph.id,
                    width: ph.width,
                    height: ph.height,
                })
                .collect(),
            url,
            path,
            id: p.id,
            name: p.name,
            unit: p.unit,
            description: p.description,
            available: p.available,
            featured: p.featured,
            published: p.published,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }

    /// The description as safe HTML.
    pub fn description_html(&self) -> String {
        sid_core::markdown::to_html(&self.description)
    }

    /// The description as one plain line, for page descriptions and link previews.
    pub fn summary(&self) -> String {
        let plain = sid_core::markdown::to_plain(&self.description);
        let mut s: String = plain.chars().take(160).collect();
        if plain.chars().count() > 160 {
            s.push('…');
        }
        s
    }
}
