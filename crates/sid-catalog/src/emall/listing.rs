//! What the e-mall's page and API share: the query as typed, checked into a `Search`, and one
//! page of its results as product views.

use serde::{Deserialize, Serialize};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::tenant::DesaDirectory;
use sid_core::{AppState, Error, FieldError, Result};

use super::search::{self, Search, Sort};
use crate::category::Category;
use crate::products::reading::{listed, views};
use crate::products::view::ProductView;

/// The e-mall's query string.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EmallQuery {
    /// Words, in any case and order; each must match the product's name, description, seller,
    /// desa, kecamatan or category.
    pub q: Option<String>,
    /// A category code (`makanan-minuman`, `kerajinan`, ...).
    pub category: Option<String>,
    /// A kecamatan's Kemendagri code.
    pub kecamatan: Option<String>,
    /// A desa's slug or Kemendagri code.
    pub desa: Option<String>,
    /// Lowest (starting) price in whole rupiah, inclusive (empty: none).
    #[param(value_type = Option<i64>)]
    pub price_min: Option<String>,
    /// Highest (starting) price in whole rupiah, inclusive (empty: none).
    #[param(value_type = Option<i64>)]
    pub price_max: Option<String>,
    /// `relevansi` (default), `terbaru`, `termurah`, `termahal`.
    pub sort: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl EmallQuery {
    /// The search it asks for, or every problem with it.
    pub fn parse(&self, directory: &DesaDirectory) -> Result<(Search, PageParams)> {
        let mut errors = Vec::new();
        let page = PageParams::parse(&PageQuery {
            page: self.page,
            per_page: self.per_page.or(Some(24)),
        });
        let category = given(&self.category).and_then(|c| {
            let found = Category::parse(c);
            if found.is_none() {
                errors.push(FieldError::new("category", "kategori tidak dikenal"));
            }
            found
        });
        let sort = match given(&self.sort) {
            None => Sort::default(),
            Some(s) => Sort::parse(s).unwrap_or_else(|| {
                errors.push(FieldError::new(
                    "sort",
                    "pilih relevansi, terbaru, termurah atau termahal",
                ));
                Sort::default()
            }),
        };
        let mut price = |field: &str, v: &Option<String>| {
            let v = given(v)?;
            match v.parse::<i64>() {
                Ok(n) if n >= 0 => Some(n),
                _ => {
                    errors.push(FieldError::new(
                        field,
                        "harga dalam rupiah bulat, 0 atau lebih",
                    ));
                    None
                }
            }
        };
        let (price_from, price_to) = (
            price("price_min", &self.price_min),
            price("price_max", &self.price_max),
        );
        if let (Some(lo), Some(hi)) = (price_from, price_to) {
            if lo > hi {
                errors.push(FieldError::new(
                    "price_max",
                    "harga tertinggi harus sama dengan atau di atas harga terendah",
                ));
            }
        }
        let all = directory.all();
        let kecamatan = given(&self.kecamatan);
        if let Some(k) = kecamatan {
            if !all.iter().any(|d| d.kecamatan.code == k) {
                errors.push(FieldError::new("kecamatan", "kecamatan tidak dikenal"));
            }
        }
        let desa = given(&self.desa).and_then(|key| {
            let found = directory.resolve(key);
            if found.is_none() {
                errors.push(FieldError::new(
                    "desa",
                    "desa tidak dikenal atau tidak aktif",
                ));
            }
            found
        });
        let page = match page {
            Ok(p) if errors.is_empty() => p,
            Ok(_) => return Err(Error::Invalid(errors)),
            Err(Error::Invalid(mut more)) => {
                errors.append(&mut more);
                return Err(Error::Invalid(errors));
            }
            Err(e) => return Err(e),
        };
        let narrowed = kecamatan.is_some() || desa.is_some() || all.iter().any(|d| !d.active);
        let desa_ids = narrowed.then(|| {
            all.iter()
                .filter(|d| d.active)
                .filter(|d| kecamatan.is_none_or(|k| d.kecamatan.code == k))
                .filter(|d| desa.as_ref().is_none_or(|x| x.tenant == d.tenant))
                .map(|d| d.tenant.as_str().to_string())
                .collect()
        });
        let search = Search {
            words: Search::words_of(given(&self.q).unwrap_or_default()),
            category,
            desa_ids,
            price_from,
            price_to,
            sort,
        };
        Ok((search, page))
    }
}

/// A product found by the e-mall, with its relevance (0 when the search had no words).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EmallHit {
    #[serde(flatten)]
    pub product: ProductView,
    pub score: i32,
}

/// One page of a search's results.
pub async fn read(
    state: &AppState,
    search: Search,
    page: PageParams,
) -> Result<(Vec<EmallHit>, i64)> {
    let base = state.public_url.clone();
    let directory = state.directory.clone();
    state
        .db
        .global_read(move |conn| {
            let (hits, total) = search::run(conn, &search, &page)?;
            let ids: Vec<String> = hits.iter().map(|h| h.product_id.clone()).collect();
            let rows = listed(conn, &ids)?
                .into_iter()
                .filter_map(|(desa_id, p)| directory.find(&desa_id).map(|d| (d, p)))
                .collect();
            let products = views(conn, &base, rows)?;
            let items = products
                .into_iter()
                .map(|product| {
                    let score = hits
                        .iter()
                        .find(|h| h.product_id == product.id)
                        .map_or(0, |h| h.score);
                    EmallHit { product, score }
                })
                .collect();
            Ok((items, total))
        })
        .await
}
