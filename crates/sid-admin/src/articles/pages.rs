//! The articles on the web: the desa's news pages, feed and sitemap for anyone, the editor for
//! its staff (forms post to the JSON API), and the regency's news page across desa.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use sid_core::auth::{Caller, Staff};
use sid_core::page::{self, Nav};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::{clock, photos, AppState, Desa, Result};

use super::category::Category;
use super::feed;
use super::store::{self, Readers};
use super::view::ArticleView;
use super::{across_desa, load, shown, NewsQuery};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/berita", web::get().to(news_list))
        .route("/berita.atom", web::get().to(desa_feed))
        .route("/berita/{slug}", web::get().to(article_page))
        .route("/berita/foto/{size}/{file}", web::get().to(cover))
        .route("/sitemap.xml", web::get().to(sitemap))
        .route("/admin/berita", web::get().to(editor_list))
        .route("/admin/berita/tulis", web::get().to(new_article))
        .route("/admin/berita/{id}/ubah", web::get().to(edit_article));
}

pub fn configure_regency(cfg: &mut web::ServiceConfig) {
    cfg.route("/kabar", web::get().to(regency_news))
        .route("/kabar.atom", web::get().to(regency_feed));
}

/// The articles a feed carries.
const FEED_ITEMS: i64 = 30;

fn page_of(number: Option<i64>, per_page: i64) -> Result<PageParams> {
    PageParams::parse(&PageQuery {
        page: number,
        per_page: Some(per_page),
    })
}

/// The last change among the articles shown.
fn latest(items: &[ArticleView]) -> Option<chrono::NaiveDateTime> {
    items
        .iter()
        .map(|a| a.changed.max(a.appeared.unwrap_or(a.changed)))
        .max()
}

/// Links to the previous and next page, keeping the other parameters.
fn pager(keep: &str, number: i64, per_page: i64, total: i64) -> (Option<String>, Option<String>) {
    (
        (number > 1).then(|| format!("?{keep}page={}", number - 1)),
        (number * per_page < total).then(|| format!("?{keep}page={}", number + 1)),
    )
}

#[derive(Deserialize)]
struct ListParams {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    kategori: Option<Category>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "berita_list.html")]
struct NewsList {
    nav: Nav,
    desa: Desa,
    canonical: String,
    categories: Vec<(&'static str, &'static str)>,
    chosen: Option<Category>,
    items: Vec<ArticleView>,
    total: i64,
    prev: Option<String>,
    next: Option<String>,
}

/// The desa's articles, newest first, by category.
async fn news_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    query: web::Query<ListParams>,
) -> Result<HttpResponse> {
    let q = query.into_inner();
    let per_page = 12;
    let number = q.page.unwrap_or(1);
    let (items, total) = shown(&state, &desa, q.kategori, page_of(q.page, per_page)?).await?;
    let keep = q
        .kategori
        .map(|c| format!("kategori={}&", c.code()))
        .unwrap_or_default();
    let (prev, next) = pager(&keep, number, per_page, total);
    let modified = latest(&items);
    let page = NewsList {
        nav: Nav::new(&req, caller.as_ref()),
        canonical: format!("{}/desa/{}/berita", state.public_url, desa.slug),
        desa,
        categories: Category::choices(),
        chosen: q.kategori,
        items,
        total,
        prev,
        next,
    };
    page::render_fresh(&req, &page, &page.nav, modified)
}

#[derive(Template)]
#[template(path = "berita.html")]
struct ArticlePage {
    nav: Nav,
    desa: Desa,
    a: ArticleView,
}

/// One article; a draft or a scheduled one only for the desa's staff (marked so).
async fn article_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, slug) = path.into_inner();
    let staff = caller.as_ref().is_some_and(|c| c.is_staff_of(&desa));
    let a = load(&state, desa.clone(), slug, staff).await?;
    let modified = latest(std::slice::from_ref(&a));
    let page = ArticlePage {
        nav: Nav::new(&req, caller.as_ref()),
        desa,
        a,
    };
    page::render_fresh(&req, &page, &page.nav, modified)
}

/// An article's cover as this server re-encoded it; a draft's only for the desa's staff.
async fn cover(
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse> {
    let (_, size, file) = path.into_inner();
    let staff = caller.is_some_and(|c| c.is_staff_of(&desa));
    let now = clock::now();
    photos::serve_known(
        &state,
        &desa.tenant,
        &size,
        &file,
        move |conn, tenant, id| {
            Ok(match store::with_cover(conn, tenant, id)? {
                Some(a) if a.shown_at(now) => Some(photos::CACHE_FOREVER),
                Some(_) if staff => Some("private, no-store"),
                _ => None,
            })
        },
    )
    .await
}

/// The desa's articles as an Atom feed.
async fn desa_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    desa: Desa,
) -> Result<HttpResponse> {
    let (items, _) = shown(&state, &desa, None, page_of(Some(1), FEED_ITEMS)?).await?;
    let site = format!("{}/desa/{}/berita", state.public_url, desa.slug);
    let body = feed::atom(
        &format!("Berita Desa {}", desa.name),
        &site,
        &format!("{site}.atom"),
        &items,
    );
    Ok(page::fresh(
        &req,
        "application/atom+xml; charset=utf-8",
        body,
        latest(&items),
    ))
}

/// The desa's public pages: home, statistics, products, news, its static pages and every
/// article shown.
async fn sitemap(req: HttpRequest, state: web::Data<AppState>, desa: Desa) -> Result<HttpResponse> {
    let now = clock::now();
    let all = PageParams::everything();
    let (articles, _) = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, Readers::Public(now), None, &all)
        })
        .await?;
    let site = format!("{}/desa/{}", state.public_url, desa.slug);
    let newest = articles
        .iter()
        .map(|a| a.updated_at.max(a.publish_at.unwrap_or(a.updated_at)))
        .max();
    let mut urls: Vec<(String, Option<chrono::NaiveDateTime>)> = [
        "",
        "/profil",
        "/pemerintahan",
        "/statistik",
        "/produk",
        "/pembangunan",
        "/potensi",
    ]
    .iter()
    .map(|p| (format!("{site}{p}"), None))
    .collect();
    urls.push((format!("{site}/berita"), newest));
    let pages = crate::site_pages::published(&state, &desa).await?;
    let modified = pages.iter().map(|p| p.updated_at).max().max(newest);
    urls.extend(
        pages
            .into_iter()
            .map(|p| (format!("{site}/halaman/{}", p.slug), Some(p.updated_at))),
    );
    urls.extend(articles.into_iter().map(|a| {
        let changed = a.updated_at.max(a.publish_at.unwrap_or(a.updated_at));
        (format!("{site}/berita/{}", a.slug), Some(changed))
    }));
    let body = feed::sitemap(&urls)?;
    Ok(page::fresh(
        &req,
        "application/xml; charset=utf-8",
        body,
        modified,
    ))
}

#[derive(Template)]
#[template(path = "admin_berita.html")]
struct EditorList {
    nav: Nav,
    desa: Desa,
    items: Vec<ArticleView>,
    total: i64,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize)]
struct PageOnly {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
}

/// Every article of the desa for its staff, drafts and scheduled ones included.
async fn editor_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<PageOnly>,
) -> Result<HttpResponse> {
    let per_page = 50;
    let number = query.page.unwrap_or(1);
    let page = page_of(query.page, per_page)?;
    let now = clock::now();
    let (rows, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, Readers::Staff, None, &page)
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|a| ArticleView::new(&state.public_url, &staff.desa, a, now))
        .collect();
    let (prev, next) = pager("", number, per_page, total);
    let page = EditorList {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        items,
        total,
        prev,
        next,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "artikel_form.html")]
struct ArticleForm {
    nav: Nav,
    desa: Desa,
    categories: Vec<(&'static str, &'static str)>,
    /// The article changed; `None` for a new one.
    a: Option<ArticleView>,
    /// The publication time shown in the form (WIB, as a date-time field takes it).
    publish_at: String,
    scheduled: bool,
}

impl ArticleForm {
    fn new(req: &HttpRequest, staff: Staff, a: Option<ArticleView>) -> ArticleForm {
        let now = clock::now();
        let at = a.as_ref().and_then(|a| a.appeared).unwrap_or(now);
        ArticleForm {
            nav: Nav::new(req, Some(&staff.caller)),
            desa: staff.desa,
            categories: Category::choices(),
            scheduled: a.as_ref().is_some_and(|a| a.state == "terjadwal"),
            publish_at: clock::local(at).format("%Y-%m-%dT%H:%M:%S").to_string(),
            a,
        }
    }

    fn is_draft(&self) -> bool {
        self.a.as_ref().is_none_or(|a| a.state == "draf")
    }
}

async fn new_article(req: HttpRequest, staff: Staff) -> Result<HttpResponse> {
    let page = ArticleForm::new(&req, staff, None);
    page::render(&page, &page.nav)
}

async fn edit_article(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let a = load(&state, staff.desa.clone(), id, true).await?;
    let page = ArticleForm::new(&req, staff, Some(a));
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "kabar.html")]
struct RegencyNews {
    nav: Nav,
    canonical: String,
    categories: Vec<(&'static str, &'static str)>,
    kecamatan: Vec<(String, String)>,
    chosen_category: String,
    chosen_kecamatan: String,
    items: Vec<ArticleView>,
    total: i64,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize)]
struct RegencyParams {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    category: Option<Category>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    kecamatan: Option<String>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
}

/// Every desa's latest articles, by category and kecamatan.
async fn regency_news(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    query: web::Query<RegencyParams>,
) -> Result<HttpResponse> {
    let q = query.into_inner();
    let per_page = 20;
    let number = q.page.unwrap_or(1);
    let news = NewsQuery {
        category: q.category,
        kecamatan: q.kecamatan,
    };
    let (items, total) = across_desa(&state, &news, &page_of(q.page, per_page)?).await?;
    let chosen_category = news
        .category
        .map(|c| c.code().to_string())
        .unwrap_or_default();
    let chosen_kecamatan = news.kecamatan.clone().unwrap_or_default();
    let (prev, next) = pager(
        &format!("category={chosen_category}&kecamatan={chosen_kecamatan}&"),
        number,
        per_page,
        total,
    );
    let mut kecamatan: Vec<(String, String)> = state
        .directory
        .all()
        .iter()
        .filter(|d| d.active)
        .map(|d| (d.kecamatan.code.clone(), d.kecamatan.name.clone()))
        .collect();
    kecamatan.sort_by(|a, b| a.1.cmp(&b.1));
    kecamatan.dedup();
    let modified = latest(&items);
    let page = RegencyNews {
        nav: Nav::new(&req, caller.as_ref()),
        canonical: format!("{}/kabar", state.public_url),
        categories: Category::choices(),
        kecamatan,
        chosen_category,
        chosen_kecamatan,
        items,
        total,
        prev,
        next,
    };
    page::render_fresh(&req, &page, &page.nav, modified)
}

/// The regency's news as an Atom feed, with the same filters.
async fn regency_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<NewsQuery>,
) -> Result<HttpResponse> {
    let (items, _) = across_desa(&state, &query, &page_of(Some(1), FEED_ITEMS)?).await?;
    let site = format!("{}/kabar", state.public_url);
    let body = feed::atom(
        "Kabar desa se-Kabupaten Serang",
        &site,
        &format!("{site}.atom"),
        &items,
    );
    Ok(page::fresh(
        &req,
        "application/atom+xml; charset=utf-8",
        body,
        latest(&items),
    ))
}
