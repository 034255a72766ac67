//! Projects over HTTP: the transparency list and each project for anyone, changes and progress
//! reports (with their photos) for the desa's staff.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Datelike;
use sid_core::auth::Staff;
use sid_core::http::Json;
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::{ids, photos, AppState, Desa, Error, Result};
use utoipa::OpenApi;

use super::funding::Funding;
use super::input::{check_dates, NewProject, NewReport, ProjectUpdate};
use super::store::{self, Project, Report};
use super::view::{photo_folder, ProjectView, ReportView, Sum, Transparency};
use super::{load, transparency, YearQuery};
use sid_core::fields::Point;

#[derive(OpenApi)]
#[openapi(
    paths(list, create, show, update, remove, report, report_photo),
    components(schemas(
        ProjectView,
        ReportView,
        photos::Photo,
        Sum,
        Transparency,
        NewProject,
        ProjectUpdate,
        NewReport,
        Funding,
        Point
    ))
)]
pub struct ProjectsDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects", web::get().to(list))
        .route("/projects", web::post().to(create))
        .route("/projects/{id}", web::get().to(show))
        .route("/projects/{id}", web::patch().to(update))
        .route("/projects/{id}", web::delete().to(remove))
        .route("/projects/{id}/reports", web::post().to(report))
        .route(
            "/projects/{id}/reports/{report}/photo",
            web::put().to(report_photo),
        );
}

/// The desa's projects, the latest year first, with the budgets summed per year and fund.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/projects", tag = "situs desa",
    params(("desa" = String, Path), YearQuery, PageQuery),
    responses((status = 200, body = Transparency), (status = 400), (status = 404)))]
pub async fn list(
    state: web::Data<AppState>,
    desa: Desa,
    year: web::Query<YearQuery>,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let page = PageParams::parse(&paging)?;
    let list = transparency(&state, &desa, year.year, page).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// One project with its progress reports.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/projects/{id}", tag = "situs desa",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = ProjectView), (status = 404)))]
pub async fn show(
    state: web::Data<AppState>,
    desa: Desa,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    Ok(HttpResponse::Ok().json(load(&state, &desa, id).await?))
}

/// Records a project, at 0 % until its first report.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/projects", tag = "situs desa",
    params(("desa" = String, Path)), request_body = NewProject,
    responses((status = 201, body = ProjectView), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<NewProject>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let desa = staff.desa.clone();
    let p = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let p = Project {
                desa_id: w.tenant.as_str().to_string(),
                id: ids::new_id(),
                name: input.name.0,
                location: input.location.0,
                latitude: input.coordinates.map(|c| c.0),
                longitude: input.coordinates.map(|c| c.1),
                funding: input.funding.code().to_string(),
                budget: input.budget.0,
                implementer: input.implementer.0,
                year: input.start_on.year(),
                start_on: input.start_on,
                end_on: input.end_on,
                progress: 0,
                created_at: w.now,
                updated_at: w.now,
            };
            check_dates(&p)?;
            store::insert(w.conn, &p)?;
            w.audit("project.create", &p.id, &p.name)?;
            Ok(p)
        })
        .await?;
    let view = ProjectView::new(&state.public_url, &desa, p, Vec::new());
    Ok(HttpResponse::Created().json(view))
}

/// Changes a project's particulars (its progress changes by reports).
#[utoipa::path(patch, path = "/api/v1/desa/{desa}/projects/{id}", tag = "situs desa",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = ProjectUpdate,
    responses((status = 200, body = ProjectView), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn update(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<ProjectUpdate>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(change) = body;
    let changed_id = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let mut p = store::find(w.conn, w.tenant, &id)?;
            let changed = change.apply(&mut p)?;
            p.year = p.start_on.year();
            p.updated_at = w.now;
            store::save(w.conn, w.tenant, &p)?;
            w.audit("project.update", &p.id, &changed.join(","))?;
            Ok(p.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(load(&state, &staff.desa, changed_id).await?))
}

/// Deletes a project with its reports and their photos.
#[utoipa::path(delete, path = "/api/v1/desa/{desa}/projects/{id}", tag = "situs desa",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
pub async fn remove(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let gone = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let p = store::find(w.conn, w.tenant, &id)?;
            let photos = store::delete(w.conn, w.tenant, &p.id)?;
            w.audit("project.delete", &p.id, &p.name)?;
            Ok(photos)
        })
        .await?;
    for report in gone {
        photos::remove(&state.files, &staff.desa.tenant, &report)?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Reports progress on a day: the project's progress becomes the report's.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/projects/{id}/reports", tag = "situs desa",
    params(("desa" = String, Path), ("id" = String, Path)), request_body = NewReport,
    responses((status = 201, body = ProjectView), (status = 400), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn report(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: Json<NewReport>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let Json(input) = body;
    let project_id = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let mut p = store::find(w.conn, w.tenant, &id)?;
            if input.reported_on > w.today() {
                return Err(Error::invalid("reported_on", "tanggal laporan belum tiba"));
            }
            if input.reported_on < p.start_on {
                return Err(Error::invalid(
                    "reported_on",
                    format!(
                        "sebelum kegiatan dimulai ({})",
                        p.start_on.format("%d-%m-%Y")
                    ),
                ));
            }
            let r = Report {
                desa_id: w.tenant.as_str().to_string(),
                id: ids::new_id(),
                project_id: p.id.clone(),
                reported_on: input.reported_on,
                progress: input.progress.0,
                note: input.note.and_then(|n| n.0).unwrap_or_default(),
                photo_width: None,
                photo_height: None,
                created_at: w.now,
            };
            store::add_report(w.conn, &r)?;
            p.progress = r.progress;
            p.updated_at = w.now;
            store::save(w.conn, w.tenant, &p)?;
            w.audit("project.report", &p.id, &format!("{} %", r.progress))?;
            Ok(p.id)
        })
        .await?;
    let view = load(&state, &staff.desa, project_id).await?;
    Ok(HttpResponse::Created().json(view))
}

/// The photo of a progress report (JPEG, PNG or WebP, at most 8 MiB and 4096 pixels a side),
/// kept re-encoded without its metadata, at most 1200 pixels a side, with a 400-pixel copy.
#[utoipa::path(put, path = "/api/v1/desa/{desa}/projects/{id}/reports/{report}/photo",
    tag = "situs desa",
    params(("desa" = String, Path), ("id" = String, Path), ("report" = String, Path)),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 200, body = photos::Photo), (status = 403), (status = 404), (status = 413),
        (status = 415), (status = 422)),
    security(("bearer" = [])))]
pub async fn report_photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String, String)>,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let (_, project_id, report_id) = path.into_inner();
    let prepared = photos::receive(&req, payload).await?;
    let files = state.files.clone();
    let (width, height) = (prepared.width, prepared.height);
    let (report, staged) = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let r = store::find_report(w.conn, w.tenant, &project_id, &report_id)?;
            store::set_photo(w.conn, w.tenant, &r.id, width, height)?;
            let staged = photos::stage(&files, w.tenant, &r.id, &prepared)?;
            w.audit("project.photo", &r.project_id, &r.id)?;
            Ok((r.id, staged))
        })
        .await?;
    staged.into_iter().for_each(|s| s.keep());
    let folder = photo_folder(&staff.desa);
    let photo = photos::Photo::new(&state.public_url, &folder, &report, width, height);
    Ok(HttpResponse::Ok().json(photo))
}
