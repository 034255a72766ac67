//! The villager's sign-in form and the staff's printable PIN slip.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use sid_core::auth::{self, csrf, session_cookie, ClientAddress, Staff};
use sid_core::page::{self, Nav};
use sid_core::{AppState, Desa, Error, Result};

use super::{issue_for, living, IssuedPin};
use crate::nik::Nik;

pub fn configure_pages(cfg: &mut web::ServiceConfig) {
    cfg.route("/layanan/masuk", web::post().to(sign_in_form))
        .route("/admin/penduduk/{id}/pin", web::post().to(issue_slip));
}

#[derive(Deserialize)]
struct SignInForm {
    csrf: String,
    nik: String,
    pin: String,
}

/// The portal's sign-in form: a cookie session, back to the portal; a failure goes back to the
/// form with the same message whether or not the NIK exists.
async fn sign_in_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    desa: Desa,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse> {
    let SignInForm {
        csrf: token,
        nik,
        pin,
    } = form.into_inner();
    csrf::verify(&req, Some(&token))?;
    let portal = format!("/desa/{}/layanan", desa.slug);
    let outcome = match (auth::sign_in_turn(&state, &client), Nik::parse(&nik)) {
        (Err(e), _) => Err(e),
        (Ok(turn), Ok(nik)) => {
            let resident = living(&state, &desa, &nik).await?;
            auth::login_warga(&state, turn, &desa.tenant, nik.as_str(), resident, pin).await
        }
        (Ok(_), Err(_)) => Err(Error::Unauthorized(String::new())),
    };
    match outcome {
        Ok((token, _, _)) => {
            let mut response = page::redirect(&portal);
            response
                .add_cookie(&session_cookie(&state.auth, token))
                .map_err(Error::internal)?;
            Ok(response)
        }
        Err(Error::Locked { .. }) => Ok(page::redirect(&format!("{portal}?gagal=terkunci"))),
        Err(Error::TooManyAttempts { .. }) => Ok(page::redirect(&format!("{portal}?gagal=sibuk"))),
        Err(Error::Unauthorized(_)) => Ok(page::redirect(&format!("{portal}?gagal=salah"))),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "pin_slip.html")]
struct PinSlip {
    nav: Nav,
    desa: Desa,
    issued: IssuedPin,
    portal: String,
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

/// The staff's page: issues the PIN and shows it once on a slip to print for the villager.
async fn issue_slip(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse> {
    csrf::verify(&req, Some(&form.csrf))?;
    let (_, id) = path.into_inner();
    let issued = issue_for(&state, &staff, id).await?;
    let page = PinSlip {
        nav: Nav::new(&req, Some(&staff.caller)),
        portal: format!("{}/desa/{}/layanan", state.public_url, staff.desa.slug),
        desa: staff.desa,
        issued,
    };
    let mut response = page::render(&page, &page.nav)?;
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}
