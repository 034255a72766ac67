//! Sellers as pages: each seller's public page (with its link preview) and the staff's pages
//! that add and change sellers and give them accounts.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use sid_core::auth::{Caller, Staff};
use sid_core::page::{self, Nav};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::{AppState, Desa, Result};

use super::{store, Seller};
use crate::products::reading::views;
use crate::products::store::{self as products, Shown};
use crate::products::view::{photo_url, ProductView};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/umkm/{id}", web::get().to(public_page))
        .route("/admin/umkm", web::get().to(staff_list))
        .route("/admin/umkm/{id}", web::get().to(staff_page));
}

#[derive(Template)]
#[template(path = "penjual.html")]
struct PublicPage {
    nav: Nav,
    desa: Desa,
    s: Seller,
    url: String,
    photo: Option<String>,
    photo_path: Option<String>,
    chat: String,
    items: Vec<ProductView>,
}

/// A seller's page: who they are, how to reach them, and their published products.
async fn public_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let base = state.public_url.clone();
    let d = desa.clone();
    let (s, items) = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            let s = store::find(conn, tenant, &id)?;
            let shown = Shown {
                published_only: true,
                seller: Some(s.id.clone()),
            };
            let (list, _) = products::list(conn, tenant, &shown, &PageParams::everything())?;
            let rows = list.into_iter().map(|p| (d.clone(), p)).collect();
            Ok((s, views(conn, &base, rows)?))
        })
        .await?;
    let url = format!("{}/desa/{}/umkm/{}", state.public_url, desa.slug, s.id);
    let chat = s.whatsapp().chat_link(&format!(
        "Halo {}, saya melihat usaha Anda di UMKM Desa {}. {url}",
        s.name, desa.name
    ));
    let page = PublicPage {
        nav: Nav::new(&req, caller.as_ref()),
        photo: s
            .photo_id
            .as_ref()
            .map(|p| photo_url(&state.public_url, &desa, p, "besar")),
        photo_path: s
            .photo_id
            .as_ref()
            .map(|p| photo_url("", &desa, p, "besar")),
        desa,
        s,
        url,
        chat,
        items,
    };
    page::render(&page, &page.nav)
}

#[derive(Deserialize)]
struct ListQuery {
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "admin_umkm.html")]
struct StaffList {
    nav: Nav,
    desa: Desa,
    items: Vec<Seller>,
    total: i64,
    prev: Option<String>,
    next: Option<String>,
}

/// The desa's sellers, with the form that adds one.
async fn staff_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let number = query.page.unwrap_or(1);
    let page = PageParams::parse(&PageQuery {
        page: Some(number),
        per_page: Some(50),
    })?;
    let (items, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, &page)
        })
        .await?;
    let seen = (number - 1) * 50 + items.len() as i64;
    let page = StaffList {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        prev: (number > 1).then(|| format!("?page={}", number - 1)),
        next: (seen < total).then(|| format!("?page={}", number + 1)),
        items,
        total,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "admin_umkm_edit.html")]
struct StaffPage {
    nav: Nav,
    desa: Desa,
    s: Seller,
    photo: Option<String>,
    account: Option<String>,
    products: i64,
}

/// One seller's page for the staff: its fields, photo, account and deletion.
async fn staff_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let (s, account, products) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            let s = store::find(conn, tenant, &id)?;
            let account = store::account(conn, tenant, &s.id)?;
            let shown = Shown {
                published_only: false,
                seller: Some(s.id.clone()),
            };
            let (_, count) = products::list(conn, tenant, &shown, &PageParams::everything())?;
            Ok((s, account, count))
        })
        .await?;
    let page = StaffPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        photo: s
            .photo_id
            .as_ref()
            .map(|p| photo_url("", &staff.desa, p, "kecil")),
        desa: staff.desa,
        s,
        account,
        products,
    };
    page::render(&page, &page.nav)
}
