//! Diskominfo's pages: the dashboard of every desa, and the batch import that moves many desa
//! in at once.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use sid_core::auth::{Caller, Role};
use sid_core::page;
use sid_core::tenant::Kecamatan;
use sid_core::{AppState, Error, Result};

use crate::dashboard::{self, Summary, SummaryRow};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kabupaten", web::get().to(kabupaten_home))
        .route("/kabupaten/impor", web::get().to(batch_import));
}

#[derive(askama::Template)]
#[template(path = "impor_desa.html")]
struct BatchImport {
    nav: sid_core::page::Nav,
    limit_mib: usize,
}

/// Files chosen together, one per desa, each sent to the regency import in turn by the page's
/// script, which shows a progress bar and a row per desa.
async fn batch_import(
    req: HttpRequest,
    admin: sid_core::auth::RegencyAdmin,
) -> Result<HttpResponse> {
    let page = BatchImport {
        nav: sid_core::page::Nav::new(&req, Some(&admin.caller)),
        limit_mib: sid_population::import::MAX_FILE / (1024 * 1024),
    };
    page::render(&page, &page.nav)
}

#[derive(Deserialize)]
struct DashboardQuery {
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    kecamatan: Option<String>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    flag: Option<String>,
    #[serde(default, deserialize_with = "sid_core::http::empty_as_none")]
    sort: Option<String>,
}

/// The orders the table offers: `(code, label)`.
const SORTS: [(&str, &str); 5] = [
    ("nama", "Nama desa"),
    ("penduduk", "Penduduk terbanyak"),
    ("menunggu", "Permohonan menunggu terbanyak"),
    ("terlama", "Permohonan terlama"),
    ("aktivitas", "Aktivitas staf terlama"),
];

/// The flags a row may carry: `(code, label, its tag in the table)`.
const FLAGS: [(&str, &str, &str); 2] = [
    (
        "tanpa_aktivitas",
        "Tanpa aktivitas staf 30 hari",
        "Tanpa aktivitas",
    ),
    (
        "permohonan_terlambat",
        "Permohonan lewat 3 hari kerja",
        "Permohonan terlambat",
    ),
];

#[derive(askama::Template)]
#[template(path = "dasbor.html")]
struct Dashboard {
    nav: sid_core::page::Nav,
    s: Summary,
    kecamatan: Vec<Kecamatan>,
    sorts: [(&'static str, &'static str); 5],
    flags: [(&'static str, &'static str, &'static str); 2],
    chosen_kecamatan: String,
    chosen_flag: String,
    chosen_sort: String,
    shown: Vec<SummaryRow>,
}

impl Dashboard {
    fn flag_label(&self, code: &str) -> &'static str {
        FLAGS.iter().find(|f| f.0 == code).map_or("", |f| f.2)
    }

    /// A stored moment's date in WIB.
    fn date_of(&self, at: &chrono::NaiveDateTime) -> String {
        sid_core::clock::local_date(*at)
            .format("%d-%m-%Y")
            .to_string()
    }
}

/// Every desa at a glance for Diskominfo: the regency's totals and one row per desa, filtered
/// by kecamatan and flag, sorted by what needs attention.
async fn kabupaten_home(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Option<Caller>,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse> {
    let Some(caller) = caller else {
        return Ok(page::redirect("/masuk"));
    };
    if caller.user.role != Role::KabupatenAdmin {
        return Err(Error::Forbidden(
            "Halaman ini hanya untuk admin kabupaten (Diskominfo).".into(),
        ));
    }
    let q = query.into_inner();
    let mut s = dashboard::summary(&state).await?;
    let mut kecamatan: Vec<Kecamatan> = Vec::new();
    for r in &s.desa {
        if !kecamatan.iter().any(|k| k.code == r.kecamatan.code) {
            kecamatan.push(r.kecamatan.clone());
        }
    }
    kecamatan.sort_by(|a, b| a.name.cmp(&b.name));
    let mut shown: Vec<SummaryRow> = std::mem::take(&mut s.desa)
        .into_iter()
        .filter(|r| q.kecamatan.as_ref().is_none_or(|k| &r.kecamatan.code == k))
        .filter(|r| {
            q.flag
                .as_ref()
                .is_none_or(|f| r.flags.contains(&f.as_str()))
        })
        .collect();
    match q.sort.as_deref() {
        Some("penduduk") => shown.sort_by_key(|r| std::cmp::Reverse(r.population.residents)),
        Some("menunggu") => shown.sort_by_key(|r| std::cmp::Reverse(r.letters.waiting)),
        // The oldest waiting first; desa with none waiting last.
        Some("terlama") => shown.sort_by_key(|r| {
            let since = r.letters.oldest_waiting_since;
            (since.is_none(), since)
        }),
        Some("aktivitas") => shown.sort_by_key(|r| r.last_activity),
        _ => shown.sort_by(|a, b| a.name.cmp(&b.name)),
    }
    let page = Dashboard {
        nav: sid_core::page::Nav::new(&req, Some(&caller)),
        s,
        kecamatan,
        sorts: SORTS,
        flags: FLAGS,
        chosen_kecamatan: q.kecamatan.unwrap_or_default(),
        chosen_flag: q.flag.unwrap_or_default(),
        chosen_sort: q.sort.unwrap_or_else(|| "nama".into()),
        shown,
    };
    page::render(&page, &page.nav)
}
