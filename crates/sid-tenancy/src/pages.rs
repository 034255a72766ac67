//! Pages that belong to no single desa: sign-in and sign-out, and the directory of desa (public,
//! and with the regency's columns for Diskominfo's home).

use std::collections::BTreeMap;

use actix_web::cookie::Cookie;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use askama::Template;
use serde::Deserialize;
use sid_core::auth::{self, csrf, session_cookie, Caller, ClientAddress, SESSION_COOKIE};
use sid_core::page::{self, Nav};
use sid_core::tenant::Kecamatan;
use sid_core::{AppState, Error, Result};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(index))
        .route("/masuk", web::get().to(login_page))
        .route("/masuk", web::post().to(login_submit))
        .route("/keluar", web::post().to(logout));
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
    client: ClientAddress,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse> {
    let LoginForm {
        csrf: token,
        username,
        password,
    } = form.into_inner();
    csrf::verify(&req, Some(&token))?;
    let outcome = match auth::sign_in_turn(&state, &client) {
        Ok(turn) => auth::login(&state, turn, username.clone(), password).await,
        Err(e) => Err(e),
    };
    match outcome {
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
        Err(
            e @ (Error::Unauthorized(_) | Error::Locked { .. } | Error::TooManyAttempts { .. }),
        ) => {
            let message = match &e {
                Error::Unauthorized(_) => "Nama pengguna atau kata sandi salah.".into(),
                other => other.detail(),
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
}

#[derive(Template)]
#[template(path = "desa_list.html")]
struct DesaList {
    nav: Nav,
    kecamatan: Vec<Kecamatan>,
    selected: String,
    rows: Vec<Row>,
}

#[derive(Deserialize)]
struct DirectoryFilter {
    kecamatan: Option<String>,
}

/// The directory of the active desa, filtered by kecamatan.
async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    filter: web::Query<DirectoryFilter>,
) -> Result<HttpResponse> {
    let all = state.directory.all();
    let kecamatan: BTreeMap<&str, &Kecamatan> = all
        .iter()
        .map(|d| (d.kecamatan.code.as_str(), &d.kecamatan))
        .collect();
    let selected = filter.kecamatan.clone().unwrap_or_default();
    let rows = all
        .iter()
        .filter(|d| d.active)
        .filter(|d| selected.is_empty() || d.kecamatan.code == selected)
        .map(|d| Row {
            code: d.code.clone(),
            name: d.name.clone(),
            slug: d.slug.clone(),
            kecamatan: d.kecamatan.clone(),
        })
        .collect();
    let page = DesaList {
        kecamatan: kecamatan.into_values().cloned().collect(),
        selected,
        rows,
        nav: Nav::new(&req, caller.as_ref()),
    };
    page::render(&page, &page.nav)
}
