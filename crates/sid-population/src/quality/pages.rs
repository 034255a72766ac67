//! The desa's data-quality page: what needs attention, grouped, each with a link to fix it.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Staff;
use sid_core::page::{self, Nav};
use sid_core::{AppState, Desa, Result};

use super::{Finding, Quality};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/kualitas", web::get().to(quality_page));
}

/// The kinds in the order the page shows them, with their headings.
const KINDS: [(&str, &str); 7] = [
    (
        "nik_mismatch",
        "NIK tidak sesuai tanggal lahir atau jenis kelamin",
    ),
    ("family_without_head", "KK tanpa kepala keluarga yang hidup"),
    ("family_with_two_heads", "KK dengan dua kepala keluarga"),
    ("no_family", "Penduduk hidup tanpa KK"),
    ("duplicate", "Nama dan tanggal lahir kembar"),
    ("missing_fields", "Isian wajib belum lengkap"),
    ("no_ktp_status", "Wajib KTP tanpa status KTP-el"),
];

#[derive(Template)]
#[template(path = "kualitas.html")]
struct QualityPage {
    nav: Nav,
    desa: Desa,
    total: usize,
    groups: Vec<(&'static str, &'static str, Vec<Finding>)>,
}

async fn quality_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse> {
    let slug = staff.desa.slug.clone();
    let Quality { findings, .. } = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            super::check(w, &slug)
        })
        .await?;
    let total = findings.len();
    let groups = KINDS
        .iter()
        .map(|(kind, heading)| {
            let items: Vec<Finding> = findings
                .iter()
                .filter(|f| f.kind == *kind)
                .cloned()
                .collect();
            (*kind, *heading, items)
        })
        .collect();
    let page = QualityPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        total,
        groups,
    };
    page::render(&page, &page.nav)
}
