//! Articles over HTTP: what is published for anyone, drafts and changes for the desa's staff,
//! and every desa's news in one list for the regency.

use actix_web::{web, HttpRequest, HttpResponse};
use sid_core::auth::{Caller, Staff};
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{clock, ids, markdown, photos, AppState, Desa, Result};
use utoipa::OpenApi;

use super::category::Category;
use super::input::{summary_of, ArticleUpdate, NewArticle, Publication};
use super::store::{self, Article, Readers};
use super::view::{ArticleView, DesaOf};
use super::{across_desa, ListQuery, NewsQuery};

#[derive(OpenApi)]
#[openapi(
    paths(list, create, show, update, remove, set_cover, remove_cover, news),
    components(schemas(ArticleView, DesaOf, NewArticle, ArticleUpdate, Category, Publication))
)]
pub struct ArticlesDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/articles", web::get().to(list))
        .route("/articles", web::post().to(create))
        .route("/articles/{key}", web::get().to(show))
        .route("/articles/{key}", web::patch().to(update))
        .route("/articles/{key}", web::delete().to(remove))
        .route("/articles/{key}/cover", web::put().to(set_cover))
        .route("/articles/{key}/cover", web::delete().to(remove_cover));
}

pub fn configure_regency(cfg: &mut web::ServiceConfig) {
    cfg.route("/kabar", web::get().to(news));
}

/// The desa's articles, newest first: those published for anyone; for the desa's staff all,
/// drafts and scheduled ones included (last changed first).
#[utoipa::path(get, path = "/api/v1/desa/{desa}/articles", tag = "situs desa",
    params(("desa" = String, Path), ListQuery, PageQuery),
    responses((status = 200, body = Page<ArticleView>), (status = 400), (status = 404)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    query: web::Query<ListQuery>,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let page = PageParams::parse(&paging)?;
    let now = clock::now();
    let readers = match caller {
        Some(c) if c.is_staff_of(&desa) => Readers::Staff,
        _ => Readers::Public(now),
    };
    let category = query.into_inner().category;
    let base = state.public_url.clone();
    let tenant = desa.tenant.clone();
    let (rows, total) = state
        .db
        .tenant_read(&tenant, move |conn, tenant| {
            store::list(conn, tenant, readers, category, &page)
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|a| ArticleView::new(&base, &desa, a, now))
        .collect();
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

/// One article by id or slug; a draft or a scheduled one only for the desa's staff.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/articles/{key}", tag = "situs desa",
    params(("desa" = String, Path), ("key" = String, Path, description = "id atau slug")),
    responses((status = 200, body = ArticleView), (status = 404)))]
pub async fn show(
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, key) = path.into_inner();
    let staff = caller.is_some_and(|c| c.is_staff_of(&desa));
    let view = super::load(&state, desa, key, staff).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Writes an article: a draft, published now, or scheduled (`status: terbit` with a
/// `publish_at` to come).
#[utoipa::path(post, path = "/api/v1/desa/{desa}/articles", tag = "situs desa",
    params(("desa" = String, Path)), request_body = NewArticle,
    responses((status = 201, body = ArticleView), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<NewArticle>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let desa = staff.desa.clone();
    let author = staff.caller.user.display_name().to_string();
    let a = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let published = input.status == Publication::Terbit;
            let a = Article {
                desa_id: w.tenant.as_str().to_string(),
                id: ids::new_id(),
                slug: store::free_slug(w.conn, w.tenant, &input.title.0)?,
                category: input.category.code().to_string(),
                summary: summary_of(input.summary.and_then(|s| s.0), &input.body.0),
                body_html: markdown::to_html(&input.body.0),
                body: input.body.0,
                title: input.title.0,
                published,
                publish_at: input.publish_at.map(|p| p.0).or(published.then_some(w.now)),
                author,
                created_at: w.now,
                updated_at: w.now,
                cover: None,
                cover_width: None,
                cover_height: None,
            };
            store::insert(w.conn, &a)?;
            w.audit("article.create", &a.id, &a.title)?;
            Ok(a)
        })
        .await?;
    Ok(HttpResponse::Created().json(saved(&state, &desa, a)))
}

/// Changes an article (its slug, and so its address, stays).
#[utoipa::path(patch, path = "/api/v1/desa/{desa}/articles/{key}", tag = "situs desa",
    params(("desa" = String, Path), ("key" = String, Path, description = "id atau slug")),
    request_body = ArticleUpdate,
    responses((status = 200, body = ArticleView), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<ArticleUpdate>,
) -> Result<HttpResponse> {
    let (_, key) = path.into_inner();
    let Json(change) = body;
    let desa = staff.desa.clone();
    let a = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let mut a = store::find(w.conn, w.tenant, &key)?;
            let changed = change.apply(&mut a, w.now)?;
            a.body_html = markdown::to_html(&a.body);
            a.updated_at = w.now;
            store::save(w.conn, w.tenant, &a)?;
            w.audit("article.update", &a.id, &changed.join(","))?;
            Ok(a)
        })
        .await?;
    Ok(HttpResponse::Ok().json(saved(&state, &desa, a)))
}

/// An article just written, as answered; the desa's kept pages change when it is due.
fn saved(state: &AppState, desa: &Desa, a: Article) -> ArticleView {
    let now = clock::now();
    if let Some(at) = a.publish_at.filter(|at| a.published && *at > now) {
        state.db.changes().due(&desa.tenant, at);
    }
    ArticleView::new(&state.public_url, desa, a, now)
}

/// Deletes an article.
#[utoipa::path(delete, path = "/api/v1/desa/{desa}/articles/{key}", tag = "situs desa",
    params(("desa" = String, Path), ("key" = String, Path, description = "id atau slug")),
    responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
pub async fn remove(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, key) = path.into_inner();
    let cover = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let a = store::find(w.conn, w.tenant, &key)?;
            store::delete(w.conn, w.tenant, &a.id)?;
            w.audit("article.delete", &a.id, &a.title)?;
            Ok(a.cover)
        })
        .await?;
    if let Some(photo) = cover {
        photos::remove(&state.files, &staff.desa.tenant, &photo)?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// The article's cover photo (JPEG, PNG or WebP, at most 8 MiB and 4096 pixels a side), kept
/// re-encoded without its metadata, at most 1200 pixels a side, with a 400-pixel copy; it
/// replaces the one before.
#[utoipa::path(put, path = "/api/v1/desa/{desa}/articles/{key}/cover", tag = "situs desa",
    params(("desa" = String, Path), ("key" = String, Path, description = "id atau slug")),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 200, body = ArticleView), (status = 403), (status = 404), (status = 413),
        (status = 415), (status = 422)),
    security(("bearer" = [])))]
pub async fn set_cover(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let (_, key) = path.into_inner();
    let prepared = photos::receive(&req, payload).await?;
    let (tenant, user) = (&staff.desa.tenant, &staff.caller.user);
    let a = photos::replace(&state, tenant, user, prepared, move |w, id, p| {
        let a = store::find(w.conn, w.tenant, &key)?;
        let cover = (id.to_string(), p.width, p.height);
        store::set_cover(w.conn, w.tenant, &a.id, Some(cover), w.now)?;
        w.audit("article.cover", &a.id, &a.title)?;
        Ok((store::find(w.conn, w.tenant, &a.id)?, a.cover))
    })
    .await?;
    Ok(HttpResponse::Ok().json(saved(&state, &staff.desa, a)))
}

/// Takes the article's cover photo away.
#[utoipa::path(delete, path = "/api/v1/desa/{desa}/articles/{key}/cover", tag = "situs desa",
    params(("desa" = String, Path), ("key" = String, Path, description = "id atau slug")),
    responses((status = 200, body = ArticleView), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn remove_cover(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, key) = path.into_inner();
    let (a, before) = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let a = store::find(w.conn, w.tenant, &key)?;
            store::set_cover(w.conn, w.tenant, &a.id, None, w.now)?;
            w.audit("article.cover.remove", &a.id, &a.title)?;
            Ok((store::find(w.conn, w.tenant, &a.id)?, a.cover))
        })
        .await?;
    if let Some(photo) = before {
        photos::remove(&state.files, &staff.desa.tenant, &photo)?;
    }
    Ok(HttpResponse::Ok().json(saved(&state, &staff.desa, a)))
}

/// The latest published articles of every desa of the regency, optionally of one category and
/// one kecamatan.
#[utoipa::path(get, path = "/api/v1/kabar", tag = "situs desa",
    params(NewsQuery, PageQuery),
    responses((status = 200, body = Page<ArticleView>), (status = 400)))]
pub async fn news(
    state: web::Data<AppState>,
    query: web::Query<NewsQuery>,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let page = PageParams::parse(&paging)?;
    let (items, total) = across_desa(&state, &query, &page).await?;
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}
