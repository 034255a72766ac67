//! The desa's products as pages: the public list and each product's page (with the link
//! previews WhatsApp and search engines read), the photos, and the editors' pages.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use sid_core::auth::{Caller, CatalogEditor};
use sid_core::page::{self, Nav};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::photos;
use sid_core::{AppState, Desa, Error, Result};

use super::reading::{load, shown_to, views};
use super::store::{self, PhotoShown};
use super::view::ProductView;
use crate::category::Category;
use crate::sellers;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/produk", web::get().to(public_list))
        .route("/produk/{id}", web::get().to(product_page))
        .route("/foto/{size}/{file}", web::get().to(photo))
        .route("/admin/produk", web::get().to(editor_list))
        .route("/admin/produk/{id}", web::get().to(editor_page));
}

/// Products per page of a list.
const PER_PAGE: i64 = 24;

#[derive(Deserialize)]
struct ListQuery {
    page: Option<i64>,
}

/// The page's numbers and its neighbours' links.
struct Paged {
    page: PageParams,
    number: i64,
}

impl Paged {
    fn new(q: &ListQuery) -> Result<Paged> {
        let number = q.page.unwrap_or(1);
        let page = PageParams::parse(&PageQuery {
            page: Some(number),
            per_page: Some(PER_PAGE),
        })?;
        Ok(Paged { page, number })
    }

    fn links(&self, shown: usize, total: i64) -> (Option<String>, Option<String>) {
        let seen = (self.number - 1) * PER_PAGE + shown as i64;
        (
            (self.number > 1).then(|| format!("?page={}", self.number - 1)),
            (seen < total).then(|| format!("?page={}", self.number + 1)),
        )
    }
}

#[derive(Template)]
#[template(path = "produk_list.html")]
struct PublicList {
    nav: Nav,
    desa: Desa,
    canonical: String,
    items: Vec<ProductView>,
    total: i64,
    prev: Option<String>,
    next: Option<String>,
}

/// The desa's products for everyone: published ones, sold-out ones marked.
async fn public_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let paged = Paged::new(&query)?;
    let public = shown_to(None, &desa);
    let base = state.public_url.clone();
    let d = desa.clone();
    let page = paged.page;
    let (items, total) = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            let (products, total) = store::list(conn, tenant, &public, &page)?;
            let rows = products.into_iter().map(|p| (d.clone(), p)).collect();
            Ok((views(conn, &base, rows)?, total))
        })
        .await?;
    let (prev, next) = paged.links(items.len(), total);
    let page = PublicList {
        nav: Nav::new(&req, caller.as_ref()),
        canonical: format!("{}/desa/{}/produk", state.public_url, desa.slug),
        desa,
        items,
        total,
        prev,
        next,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "produk.html")]
struct ProductPage {
    nav: Nav,
    desa: Desa,
    p: ProductView,
    json_ld: String,
    may_edit: bool,
}

/// schema.org `Product` data of a product, safe inside a script element.
fn json_ld(p: &ProductView) -> String {
    let availability = if p.available {
        "https://schema.org/InStock"
    } else {
        "https://schema.org/OutOfStock"
    };
    let offers = match p.price_max {
        Some(high) => serde_json::json!({
            "@type": "AggregateOffer", "priceCurrency": "IDR", "lowPrice": p.price,
            "highPrice": high, "availability": availability, "url": p.url,
        }),
        None => serde_json::json!({
            "@type": "Offer", "priceCurrency": "IDR", "price": p.price,
            "availability": availability, "url": p.url,
        }),
    };
    let data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.name,
        "description": p.summary(),
        "category": p.category_label,
        "image": p.photos.iter().map(|ph| ph.url.as_str()).collect::<Vec<_>>(),
        "brand": {"@type": "Brand", "name": p.seller.name},
        "offers": offers,
    });
    data.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// One product's page: photos, price, seller and the WhatsApp order button.
async fn product_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let p = load(&state, caller.as_ref(), desa.clone(), id).await?;
    let may_edit = caller
        .as_ref()
        .and_then(|c| c.catalog_scope(&desa))
        .is_some_and(|own| own.is_none_or(|s| s == p.seller.id));
    let page = ProductPage {
        nav: Nav::new(&req, caller.as_ref()),
        json_ld: json_ld(&p),
        desa,
        p,
        may_edit,
    };
    page::render(&page, &page.nav)
}

/// A photo's file, as this server re-encoded it: a seller's, or a published product's (an
/// unpublished one's only to who may change it). Its id never names another picture, so it is
/// cached for a year.
async fn photo(
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse> {
    let (_, size, file) = path.into_inner();
    let scope = caller.and_then(|c| c.catalog_scope(&desa));
    photos::serve_known(
        &state,
        &desa.tenant,
        &size,
        &file,
        move |conn, tenant, id| {
            Ok(match store::photo_shown(conn, tenant, id, scope)? {
                PhotoShown::Public => Some(photos::CACHE_FOREVER),
                PhotoShown::ToEditor => Some("private, no-store"),
                PhotoShown::Hidden => None,
            })
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "admin_produk.html")]
struct EditorList {
    nav: Nav,
    desa: Desa,
    items: Vec<ProductView>,
    total: i64,
    prev: Option<String>,
    next: Option<String>,
    /// The sellers a product may be added for (staff: every seller; a seller: itself).
    sellers: Vec<(String, String)>,
    own_seller: bool,
    categories: Vec<(&'static str, &'static str)>,
}

/// The products an editor may change, with the form that adds one.
async fn editor_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    editor: CatalogEditor,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let paged = Paged::new(&query)?;
    let shown = shown_to(Some(&editor.caller), &editor.desa);
    let own = editor.own_seller.clone();
    let base = state.public_url.clone();
    let d = editor.desa.clone();
    let page = paged.page;
    let (items, total, sellers) = state
        .db
        .tenant_read(&editor.desa.tenant, move |conn, tenant| {
            let (products, total) = store::list(conn, tenant, &shown, &page)?;
            let rows = products.into_iter().map(|p| (d.clone(), p)).collect();
            let sellers = sellers::store::names(conn, tenant)?
                .into_iter()
                .filter(|(id, _)| own.as_ref().is_none_or(|o| o == id))
                .collect();
            Ok((views(conn, &base, rows)?, total, sellers))
        })
        .await?;
    let (prev, next) = paged.links(items.len(), total);
    let page = EditorList {
        nav: Nav::new(&req, Some(&editor.caller)),
        desa: editor.desa,
        items,
        total,
        prev,
        next,
        sellers,
        own_seller: editor.own_seller.is_some(),
        categories: Category::choices(),
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "admin_produk_edit.html")]
struct EditorPage {
    nav: Nav,
    desa: Desa,
    p: ProductView,
    categories: Vec<(&'static str, &'static str)>,
    max_photos: i64,
}

/// One product's editing page: its fields, photos, and deletion.
async fn editor_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    editor: CatalogEditor,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let own = editor.own_seller.clone();
    let base = state.public_url.clone();
    let d = editor.desa.clone();
    let p = state
        .db
        .tenant_read(&editor.desa.tenant, move |conn, tenant| {
            let p = store::find(conn, tenant, &id, own.as_deref())?;
            let mut v = views(conn, &base, vec![(d, p)])?;
            v.pop().ok_or_else(|| Error::NotFound("Produk".into()))
        })
        .await?;
    let page = EditorPage {
        nav: Nav::new(&req, Some(&editor.caller)),
        desa: editor.desa,
        p,
        categories: Category::choices(),
        max_photos: super::MAX_PHOTOS,
    };
    page::render(&page, &page.nav)
}
