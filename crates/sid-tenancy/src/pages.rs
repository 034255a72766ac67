//! Pages that belong to no single desa: sign-in and sign-out, the public directory of desa,
//! and Diskominfo's home.

use std::collections::BTreeMap;

use actix_web::cookie::Cookie;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use askama::Template;
use serde::Deserialize;
use sid_core::auth::{self, csrf, Caller, Role, SESSION_COOKIE};
use sid_core::page::{self, Nav};
use sid_core::tenant::Kecamatan;
use sid_core::{AppState, Desa, Error, Result};

use crate::identity::session_cookie;
use crate::kabupaten::staff_counts;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(index))
        .route("/masuk", web::get().to(login_page))
        .route("/masuk", web::post().to(login_submit))
        .route("/keluar", web::post().to(logout))
        .route("/kabupaten", web::get().to(kabupaten_home));
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    nav: Nav,
    error: Option<String>,
    username: String,
}

async fn login_page(req: HttpRequest, caller: Option<Caller>) -> Result<HttpResponse> {
    if let Some(c) = caller {
        let state = req.app_data::<web::Data<AppState>>().map(|s| s.get_ref());
        return Ok(page::redirect(&page::home_of(state, &c)));
    }
    let page = LoginPage {
        nav: Nav::new(&req, None),
        error: None,
        username: String::new(),
    };
    page::render(&page, &page.nav)
}

#[derive(Deserialize)]
struct LoginForm {
    csrf: String,
    username: String,
    password: String,
}

async fn login_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse> {
    let LoginForm {
        csrf: token,
        username,
        password,
    } = form.into_inner();
    csrf::verify(&req, Some(&token))?;
    match auth::login(&state, username.clone(), password).await {
        Ok((token, _, user)) => {
            let caller = Caller {
                user,
                jti: String::new(),
                via_cookie: true,
            };
            let mut response = page::redirect(&page::home_of(Some(&state), &caller));
            response
                .add_cookie(&session_cookie(&state.auth, token))
                .map_err(Error::internal)?;
            Ok(response)
        }
        Err(e @ (Error::Unauthorized(_) | Error::Locked { .. })) => {
            let message = match &e {
                Error::Locked { retry_after_secs } => format!(
                    "Terlalu banyak percobaan gagal. Coba lagi dalam {} menit.",
                    (retry_after_secs + 59) / 60
                ),
                _ => "Nama pengguna atau kata sandi salah.".into(),
            };
            let page = LoginPage {
                nav: Nav::new(&req, None),
                error: Some(message),
                username,
            };
            let mut response = page::render(&page, &page.nav)?;
            *response.status_mut() = e.status_code();
            Ok(response)
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct LogoutForm {
    csrf: String,
}

async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    form: web::Form<LogoutForm>,
) -> Result<HttpResponse> {
    csrf::verify(&req, Some(&form.csrf))?;
    if let Some(caller) = caller {
        auth::logout(&state, &caller).await?;
    }
    let mut response = page::redirect("/");
    let mut gone = Cookie::new(SESSION_COOKIE, "");
    gone.set_path("/");
    gone.make_removal();
    response.add_cookie(&gone).map_err(Error::internal)?;
    Ok(response)
}

struct Row {
    code: String,
    name: String,
    slug: String,
    kecamatan: Kecamatan,
    active: bool,
    staff: i64,
}

struct SummaryLine {
    desa_total: usize,
    desa_active: usize,
    kecamatan_total: usize,
}

#[derive(Template)]
#[template(path = "desa_list.html")]
struct DesaList {
    nav: Nav,
    title: String,
    kecamatan: Vec<Kecamatan>,
    selected: String,
    rows: Vec<Row>,
    summary: Option<SummaryLine>,
}

#[derive(Deserialize)]
struct ListFilter {
    kecamatan: Option<String>,
}

/// The rows of the directory, filtered by kecamatan, and the kecamatan to choose from.
fn directory_rows(
    all: &[Desa],
    filter: &ListFilter,
    only_active: bool,
) -> (Vec<Kecamatan>, Vec<Desa>) {
    let kecamatan: BTreeMap<&str, &Kecamatan> = all
        .iter()
        .map(|d| (d.kecamatan.code.as_str(), &d.kecamatan))
        .collect();
    let selected = filter.kecamatan.as_deref().unwrap_or("");
    let rows = all
        .iter()
        .filter(|d| !only_active || d.active)
        .filter(|d| selected.is_empty() || d.kecamatan.code == selected)
        .cloned()
        .collect();
    (kecamatan.into_values().cloned().collect(), rows)
}

fn to_row(d: Desa, staff: i64) -> Row {
    Row {
        code: d.code,
        name: d.name,
        slug: d.slug,
        kecamatan: d.kecamatan,
        active: d.active,
        staff,
    }
}

async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    filter: web::Query<ListFilter>,
) -> Result<HttpResponse> {
    let all = state.directory.all();
    let (kecamatan, rows) = directory_rows(&all, &filter, true);
    let nav = Nav::new(&req, caller.as_ref());
    let page = DesaList {
        title: "Desa di Kabupaten Serang".into(),
        kecamatan,
        selected: filter.kecamatan.clone().unwrap_or_default(),
        rows: rows.into_iter().map(|d| to_row(d, 0)).collect(),
        summary: None,
        nav,
    };
    page::render(&page, &page.nav)
}

async fn kabupaten_home(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    filter: web::Query<ListFilter>,
) -> Result<HttpResponse> {
    let Some(caller) = caller else {
        return Ok(page::redirect("/masuk"));
    };
    if caller.user.role != Role::KabupatenAdmin {
        return Err(Error::Forbidden(
            "Halaman ini hanya untuk admin kabupaten (Diskominfo).".into(),
        ));
    }
    let staff = state.db.global_read(staff_counts).await?;
    let all = state.directory.all();
    let (kecamatan, rows) = directory_rows(&all, &filter, false);
    let summary = SummaryLine {
        desa_total: all.len(),
        desa_active: all.iter().filter(|d| d.active).count(),
        kecamatan_total: kecamatan.len(),
    };
    let nav = Nav::new(&req, Some(&caller));
    let page = DesaList {
        title: "Kabupaten Serang: semua desa".into(),
        kecamatan,
        selected: filter.kecamatan.clone().unwrap_or_default(),
        rows: rows
            .into_iter()
            .map(|d| {
                let n = staff.get(d.tenant.as_str()).copied().unwrap_or(0);
                to_row(d, n)
            })
            .collect(),
        summary: Some(summary),
        nav,
    };
    page::render(&page, &page.nav)
}
