//! Static pages over HTTP: the published ones for anyone, drafts and changes for the desa's
//! staff.

use actix_web::{web, HttpResponse};
use sid_core::auth::{Caller, Staff};
use sid_core::http::Json;
use sid_core::{ids, markdown, AppState, Desa, Result};
use utoipa::OpenApi;

use super::input::{slug_of, NewSitePage, SitePageUpdate};
use super::store::{self, SitePage};
use super::{listed, SitePageView};

#[derive(OpenApi)]
#[openapi(
    paths(list, create, show, update, remove),
    components(schemas(SitePageView, NewSitePage, SitePageUpdate))
)]
pub struct SitePagesDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/site-pages", web::get().to(list))
        .route("/site-pages", web::post().to(create))
        .route("/site-pages/{key}", web::get().to(show))
        .route("/site-pages/{key}", web::patch().to(update))
        .route("/site-pages/{key}", web::delete().to(remove));
}

/// The desa's static pages in their order: the published ones, and for its staff the drafts.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/site-pages", tag = "situs desa",
    params(("desa" = String, Path)),
    responses((status = 200, body = Vec<SitePageView>), (status = 404)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
) -> Result<HttpResponse> {
    let staff = caller.is_some_and(|c| c.is_staff_of(&desa));
    Ok(HttpResponse::Ok().json(listed(&state, &desa, staff).await?))
}

/// One page by id or slug; a draft only for the desa's staff.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/site-pages/{key}", tag = "situs desa",
    params(("desa" = String, Path), ("key" = String, Path, description = "id atau slug")),
    responses((status = 200, body = SitePageView), (status = 404)))]
pub async fn show(
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, key) = path.into_inner();
    let staff = caller.is_some_and(|c| c.is_staff_of(&desa));
    Ok(HttpResponse::Ok().json(super::load(&state, &desa, key, staff).await?))
}

/// Writes a page; its address comes from the title (`/desa/{desa}/halaman/sejarah-desa`).
#[utoipa::path(post, path = "/api/v1/desa/{desa}/site-pages", tag = "situs desa",
    params(("desa" = String, Path)), request_body = NewSitePage,
    responses((status = 201, body = SitePageView), (status = 400), (status = 401), (status = 403),
        (status = 409)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<NewSitePage>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let slug = slug_of(&input.title.0)?;
    let p = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let p = SitePage {
                desa_id: w.tenant.as_str().to_string(),
                id: ids::new_id(),
                slug,
                body_html: markdown::to_html(&input.body.0),
                body: input.body.0,
                title: input.title.0,
                position: input.position.map_or(99, |n| n.0),
                published: input.published,
                created_at: w.now,
                updated_at: w.now,
            };
            store::insert(w.conn, w.tenant, &p)?;
            w.audit("site_page.create", &p.id, &p.title)?;
            Ok(p)
        })
        .await?;
    let view = SitePageView::new(&state.public_url, &staff.desa, p);
    Ok(HttpResponse::Created().json(view))
}

/// Changes a page (its address stays).
#[utoipa::path(patch, path = "/api/v1/desa/{desa}/site-pages/{key}", tag = "situs desa",
    params(("desa" = String, Path), ("key" = String, Path, description = "id atau slug")),
    request_body = SitePageUpdate,
    responses((status = 200, body = SitePageView), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<SitePageUpdate>,
) -> Result<HttpResponse> {
    let (_, key) = path.into_inner();
    let Json(change) = body;
    let p = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let mut p = store::find(w.conn, w.tenant, &key)?;
            let changed = change.apply(&mut p)?;
            p.updated_at = w.now;
            store::save(w.conn, w.tenant, &p)?;
            w.audit("site_page.update", &p.id, &changed.join(","))?;
            Ok(p)
        })
        .await?;
    let view = SitePageView::new(&state.public_url, &staff.desa, p);
    Ok(HttpResponse::Ok().json(view))
}

/// Deletes a page.
#[utoipa::path(delete, path = "/api/v1/desa/{desa}/site-pages/{key}", tag = "situs desa",
    params(("desa" = String, Path), ("key" = String, Path, description = "id atau slug")),
    responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
pub async fn remove(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, key) = path.into_inner();
    state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let p = store::find(w.conn, w.tenant, &key)?;
            store::delete(w.conn, w.tenant, &p.id)?;
            w.audit("site_page.delete", &p.id, &p.title)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
