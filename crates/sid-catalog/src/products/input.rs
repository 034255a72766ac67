//! What a product form may send: each field already a value that may be stored.

use serde::Deserialize;
use sid_core::fields::{Required, Text};
use sid_core::{Error, FieldError, Result};

use super::Product;
use crate::category::Category;
use crate::price::Rupiah;

/// A new product; for a seller's own account `seller_id` may be left out.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProduct {
    pub seller_id: Option<String>,
    #[schema(value_type = String, example = "Keripik Pisang Tanduk")]
    pub name: Required<120>,
    pub category: Category,
    #[schema(value_type = i64, example = 15000)]
    pub price: Rupiah,
    /// The upper end of a price range.
    #[schema(value_type = Option<i64>)]
    pub price_max: Option<Rupiah>,
    #[schema(value_type = String, example = "bungkus 250 g")]
    pub unit: Required<40>,
    /// Markdown.
    #[schema(value_type = Option<String>)]
    pub description: Option<Text<5000>>,
    pub available: Option<bool>,
    pub featured: Option<bool>,
    pub published: Option<bool>,
}

/// Fields to change; an absent field stays as it is.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductUpdate {
    #[schema(value_type = Option<String>)]
    pub name: Option<Required<120>>,
    pub category: Option<Category>,
    #[schema(value_type = Option<i64>)]
    pub price: Option<Rupiah>,
    /// The upper end of a price range; 0 removes the range.
    #[schema(value_type = Option<i64>)]
    pub price_max: Option<Rupiah>,
    #[schema(value_type = Option<String>)]
    pub unit: Option<Required<40>>,
    #[schema(value_type = Option<String>)]
    pub description: Option<Text<5000>>,
    pub available: Option<bool>,
    pub featured: Option<bool>,
    pub published: Option<bool>,
}

impl ProductUpdate {
    /// Applies the change; returns the names of the fields changed.
    pub fn apply(self, p: &mut Product) -> Result<Vec<&'static str>> {
        let mut changed = Vec::new();
        if let Some(v) = self.name {
            p.name = v.0;
            changed.push("name");
        }
        if let Some(v) = self.category {
            p.category = v.code().to_string();
            changed.push("category");
        }
        if let Some(v) = self.price {
            p.price_min = v.0;
            changed.push("price");
        }
        if let Some(v) = self.price_max {
            p.price_max = (v.0 > 0).then_some(v.0);
            changed.push("price_max");
        }
        if let Some(v) = self.unit {
            p.unit = v.0;
            changed.push("unit");
        }
        if let Some(v) = self.description {
            p.description = v.0.unwrap_or_default();
            changed.push("description");
        }
        macro_rules! flags {
            ($($f:ident),*) => {$(
                if let Some(v) = self.$f {
                    p.$f = v;
                    changed.push(stringify!($f));
                }
            )*};
        }
        flags!(available, featured, published);
        check(p)?;
        Ok(changed)
    }
}

/// What no single field can tell: a name with a letter in it, a range that goes up.
pub fn check(p: &Product) -> Result<()> {
    let mut errors = Vec::new();
    if !p.name.chars().any(char::is_alphanumeric) {
        errors.push(FieldError::new(
            "name",
            "nama produk harus berisi huruf atau angka",
        ));
    }
    if p.price_max.is_some_and(|max| max <= p.price_min) {
        errors.push(FieldError::new(
            "price_max",
            "harga tertinggi harus lebih besar dari harga terendah",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}
