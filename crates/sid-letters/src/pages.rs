//! The letter pages: the villager portal (sign in, pick a type, fill the form, upload the
//! documents, follow the status, download the PDF), the staff queue and request page, and the
//! public verification page behind a letter's QR code.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use sid_core::auth::{Caller, DesaAdmin, Member, Membership, Role, Staff};
use sid_core::page::{self, Nav};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::{AppState, Desa, Error, Result};
use sid_population::codes::status as life;
use sid_population::residents::store as residents;

use super::agenda::{self, AgendaLine};
use super::offering::{self, OfferedType};
use super::request_view::{list_views, load, RequestView};
use super::status::{self, Actor, Chain, Status};
use super::store::{self, ListFilter};
use super::types::{self, LetterType};
use super::verification::{self, Verification};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/layanan", web::get().to(portal))
        .route("/layanan/surat/baru", web::get().to(new_request))
        .route("/layanan/surat/{id}", web::get().to(request_page))
        .route("/admin/surat", web::get().to(queue))
        .route("/admin/surat/baru", web::get().to(new_request))
        .route("/admin/surat/pengaturan", web::get().to(settings_page))
        .route("/admin/surat/agenda", web::get().to(agenda_page))
        .route("/admin/surat/{id}", web::get().to(request_page));
}

pub fn configure_regency(cfg: &mut web::ServiceConfig) {
    cfg.route("/verifikasi/{code}", web::get().to(verify_page));
}

#[derive(Template)]
#[template(path = "layanan_masuk.html")]
struct SignIn {
    nav: Nav,
    desa: Desa,
    error: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "layanan.html")]
struct Portal {
    nav: Nav,
    desa: Desa,
    name: String,
    types: Vec<(&'static str, &'static str)>,
    requests: Vec<RequestView>,
}

#[derive(Deserialize)]
struct PortalQuery {
    /// Set by a failed sign-in: `salah`, `terkunci` or `sibuk`.
    gagal: Option<String>,
}

/// The villager's home: their requests and what they can ask for; the sign-in form otherwise.
async fn portal(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    desa: Desa,
    query: web::Query<PortalQuery>,
) -> Result<HttpResponse> {
    let me = caller.as_ref().and_then(|c| {
        (c.user.role == Role::Warga && c.user.desa_id.as_deref() == Some(desa.tenant.as_str()))
            .then(|| c.user.resident_id.clone())
            .flatten()
    });
    let Some(me) = me else {
        let page = SignIn {
            nav: Nav::new(&req, caller.as_ref()),
            error: match query.gagal.as_deref() {
                Some("terkunci") => {
                    Some("Terlalu banyak percobaan gagal. Coba lagi dalam 15 menit.")
                }
                Some("sibuk") => Some(
                    "Terlalu banyak percobaan masuk dalam waktu singkat. Tunggu sebentar, lalu \
                     coba lagi.",
                ),
                Some(_) => Some("NIK atau PIN salah."),
                None => None,
            },
            desa,
        };
        return page::render(&page, &page.nav);
    };
    let (name, types, requests) = state
        .db
        .tenant_read(&desa.tenant, move |conn, tenant| {
            let name = residents::require(conn, tenant, &me)?.name;
            let types = offering::offered_types(conn, tenant)?
                .into_iter()
                .filter(|t| t.enabled)
                .map(|t| (t.code, t.name))
                .collect();
            let filter = ListFilter {
                resident: Some(me),
                status: None,
                created_before: None,
                signed_between: None,
                type_code: None,
            };
            let (requests, _) = list_views(conn, tenant, &filter, &PageParams::everything())?;
            Ok((name, types, requests))
        })
        .await?;
    let page = Portal {
        nav: Nav::new(&req, caller.as_ref()),
        desa,
        name,
        types,
        requests,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "surat_baru.html")]
struct NewRequest {
    nav: Nav,
    desa: Desa,
    /// The chosen type; none yet: the page offers the types to choose from.
    kind: Option<&'static LetterType>,
    types: Vec<(&'static str, &'static str)>,
    subject: Option<String>,
    subjects: Vec<(String, String)>,
    back: String,
    next: String,
}

#[derive(Deserialize)]
struct TypeQuery {
    #[serde(rename = "type")]
    type_code: Option<String>,
    /// For staff: the walk-in resident the letter is about.
    subject: Option<String>,
}

/// The form of one letter type: for a villager, about themself or a living member of their
/// family; for staff, about the walk-in resident named in the query.
async fn new_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<TypeQuery>,
) -> Result<HttpResponse> {
    let TypeQuery { type_code, subject } = query.into_inner();
    let kind = type_code
        .map(|t| types::find(&t).ok_or_else(|| Error::NotFound("Jenis surat".into())))
        .transpose()?;
    let chosen = subject.clone();
    let me = member.membership.villager().map(str::to_string);
    let staff = me.is_none();
    let subjects = state
        .db
        .tenant_read(&member.desa.tenant, move |conn, tenant| {
            let people = match (me, subject) {
                (Some(me), _) => {
                    let mine = residents::require(conn, tenant, &me)?;
                    match &mine.family_id {
                        Some(f) => residents::members_of(conn, tenant, f)?,
                        None => vec![mine],
                    }
                }
                (None, Some(id)) => vec![residents::require(conn, tenant, &id)?],
                (None, None) => return Err(Error::invalid("subject", "pilih penduduknya dulu")),
            };
            Ok(people
                .into_iter()
                .filter(|m| m.status == life::HIDUP || staff)
                .map(|m| (m.id, m.name))
                .collect::<Vec<_>>())
        })
        .await?;
    let slug = member.desa.slug.clone();
    let (back, next) = if staff {
        (
            format!("/desa/{slug}/admin/surat"),
            format!("/desa/{slug}/admin/surat/{{id}}"),
        )
    } else {
        (
            format!("/desa/{slug}/layanan"),
            format!("/desa/{slug}/layanan/surat/{{id}}"),
        )
    };
    let page = NewRequest {
        nav: Nav::new(&req, Some(&member.caller)),
        desa: member.desa,
        kind,
        types: types::all().iter().map(|t| (t.code, t.name)).collect(),
        subject: chosen,
        subjects,
        back,
        next,
    };
    page::render(&page, &page.nav)
}

struct Action {
    to: &'static str,
    label: &'static str,
    needs_reason: bool,
}

/// The moves this actor may make now in the desa's chain, as buttons.
fn actions(from: Status, actor: Actor, chain: Chain) -> Vec<Action> {
    use Status::*;
    let forward = match from {
        MenungguParaf => "Paraf, teruskan untuk ditandatangani",
        _ => "Berkas lengkap, teruskan untuk ditandatangani",
    };
    [
        (SedangDiperiksa, "Kirim untuk diperiksa"),
        (
            MenungguParaf,
            "Berkas lengkap, teruskan untuk diparaf sekdes",
        ),
        (MenungguTandaTangan, forward),
        (BelumLengkap, "Kembalikan untuk dilengkapi"),
        (SiapDiambil, "Tandatangani surat"),
        (SudahDiambil, "Surat sudah diambil"),
        (Ditolak, "Tolak permohonan"),
        (Dibatalkan, "Batalkan permohonan"),
    ]
    .into_iter()
    .filter_map(
        |(to, label)| match status::check(from, to, actor, None, chain) {
            Ok(()) => Some(Action {
                to: to.as_str(),
                label,
                needs_reason: false,
            }),
            Err(Error::Invalid(_)) => Some(Action {
                to: to.as_str(),
                label,
                needs_reason: true,
            }),
            Err(_) => None,
        },
    )
    .collect()
}

#[derive(Template)]
#[template(path = "surat.html")]
struct RequestPage {
    nav: Nav,
    desa: Desa,
    r: RequestView,
    back: String,
    needed: Vec<&'static str>,
    can_upload: bool,
    actions: Vec<Action>,
}

/// One request, for its villager (under /layanan) or the desa's staff (under /admin).
async fn request_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let r = load(&state, &member, id).await?;
    let chain = state
        .db
        .tenant_read(&member.desa.tenant, |conn, tenant| {
            store::settings(conn, tenant)
        })
        .await?
        .chain();
    let actor = Actor::on(
        &member.membership,
        &member.caller.user,
        r.requested_by.as_deref(),
    );
    let needed: Vec<&'static str> = types::find(&r.type_code)
        .map(|t| t.documents.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|d| !r.documents.iter().any(|h| h.kind == *d))
        .collect();
    let slug = &member.desa.slug;
    let page = RequestPage {
        nav: Nav::new(&req, Some(&member.caller)),
        back: match member.membership {
            Membership::Villager(_) => format!("/desa/{slug}/layanan"),
            Membership::Admin | Membership::Operator => format!("/desa/{slug}/admin/surat"),
        },
        can_upload: actor.is_some()
            && matches!(r.status, Status::BelumLengkap | Status::SedangDiperiksa),
        actions: actor
            .map(|a| actions(r.status, a, chain))
            .unwrap_or_default(),
        needed,
        desa: member.desa,
        r,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "surat_antrian.html")]
struct Queue {
    nav: Nav,
    desa: Desa,
    statuses: Vec<(&'static str, &'static str)>,
    status: String,
    older: String,
    rows: Vec<RequestView>,
    total: i64,
    /// Villagers' open flags on their data.
    flags: Vec<sid_population::portal::Flag>,
}

#[derive(Deserialize)]
struct QueueQuery {
    status: Option<String>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    older_than_days: Option<u32>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
}

impl Queue {
    fn is_selected(&self, code: &str) -> bool {
        self.status == code
    }
}

/// The staff's queue: requests by status and by how long they have waited.
async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse> {
    let q = query.into_inner();
    let status = q.status.clone().unwrap_or_default();
    let filter = ListFilter {
        resident: None,
        status: Status::parse(&status),
        created_before: q
            .older_than_days
            .map(|d| sid_core::clock::now() - chrono::Duration::days(i64::from(d))),
        signed_between: None,
        type_code: None,
    };
    let page_params = PageParams::parse(&PageQuery {
        page: q.page,
        per_page: None,
    })?;
    let (rows, total, flags) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            let (rows, total) = list_views(conn, tenant, &filter, &page_params)?;
            let flags = sid_population::portal::flags_of(conn, tenant, None, true)?;
            Ok((rows, total, flags))
        })
        .await?;
    let page = Queue {
        flags,
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        statuses: Status::ALL
            .iter()
            .map(|s| (s.as_str(), s.label()))
            .collect(),
        status,
        older: q.older_than_days.map(|d| d.to_string()).unwrap_or_default(),
        rows,
        total,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "surat_jenis.html")]
struct SettingsPage {
    nav: Nav,
    desa: Desa,
    settings: store::Settings,
    types: Vec<OfferedType>,
    common: String,
}

/// The desa admin's settings: number format, sequences, paper, and each type's text.
async fn settings_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: DesaAdmin,
) -> Result<HttpResponse> {
    let (settings, types) = state
        .db
        .tenant_read(&admin.desa.tenant, |conn, tenant| {
            Ok((
                store::settings(conn, tenant)?,
                offering::offered_types(conn, tenant)?,
            ))
        })
        .await?;
    let page = SettingsPage {
        nav: Nav::new(&req, Some(&admin.caller)),
        desa: admin.desa,
        settings,
        types,
        common: super::template::COMMON
            .iter()
            .map(|p| format!("[{p}]"))
            .collect::<Vec<_>>()
            .join(" "),
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "agenda.html")]
struct AgendaPage {
    nav: Nav,
    desa: Desa,
    month: String,
    type_code: String,
    types: Vec<(&'static str, &'static str)>,
    lines: Vec<AgendaLine>,
    total: i64,
}

impl AgendaPage {
    fn is_type(&self, code: &str) -> bool {
        self.type_code == code
    }
}

#[derive(Deserialize)]
struct AgendaQuery {
    month: Option<String>,
    #[serde(rename = "type")]
    type_code: Option<String>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    page: Option<i64>,
}

/// Agenda Surat Keluar: the month's signed letters, by type, with the CSV of the same.
async fn agenda_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<AgendaQuery>,
) -> Result<HttpResponse> {
    let q = query.into_inner();
    let type_code = q.type_code.clone().unwrap_or_default();
    let (month, filter) = agenda::filter(q.month, q.type_code)?;
    let page_params = PageParams::parse(&PageQuery {
        page: q.page,
        per_page: Some(200),
    })?;
    let (lines, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            agenda::lines(conn, tenant, &filter, &page_params)
        })
        .await?;
    let page = AgendaPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        month,
        type_code,
        types: types::all().iter().map(|t| (t.code, t.name)).collect(),
        lines,
        total,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "verifikasi.html")]
struct VerifyPage {
    nav: Nav,
    v: Option<Verification>,
}

/// The public page behind a letter's QR code.
async fn verify_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    code: web::Path<String>,
) -> Result<HttpResponse> {
    let v = match verification::check(&state, code.into_inner()).await {
        Ok((v, _)) => Some(v),
        Err(Error::NotFound(_)) => None,
        Err(e) => return Err(e),
    };
    let found = v.is_some();
    let page = VerifyPage {
        nav: Nav::new(&req, caller.as_ref()),
        v,
    };
    let mut response = page::render(&page, &page.nav)?;
    if !found {
        *response.status_mut() = actix_web::http::StatusCode::NOT_FOUND;
    }
    Ok(response)
}
