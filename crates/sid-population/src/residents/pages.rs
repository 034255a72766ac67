//! The staff's resident pages: the list and search, one resident's record with its events, and
//! the forms that register, correct or record a move-in (sent to the API by the page's script).

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use sid_core::auth::Staff;
use sid_core::page::{self, Nav};
use sid_core::{AppState, Desa, Error, Result};

use super::reading::{self, view};
use super::search::{Filter, ResidentQuery, ResidentRow};
use super::Resident;
use crate::code_select::{code_name, maybe, optional, select, Select};
use crate::events::store::{self as events, Event};
use crate::transfers::{self, TransferView};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/penduduk", web::get().to(list))
        .route("/admin/penduduk/baru", web::get().to(new_resident))
        .route("/admin/penduduk/datang", web::get().to(move_in))
        .route("/admin/penduduk/{id}", web::get().to(resident))
        .route("/admin/penduduk/{id}/ubah", web::get().to(correct_resident));
}

#[derive(Template)]
#[template(path = "penduduk_list.html")]
struct ListPage {
    nav: Nav,
    desa: Desa,
    q: String,
    sex: String,
    status: String,
    rows: Vec<ResidentRow>,
    total: i64,
    error: Option<String>,
    prev: Option<String>,
    next: Option<String>,
}

/// The query string of a list page, for the links to the pages before and after.
fn page_link(q: &str, sex: &str, status: &str, page: i64) -> String {
    let enc = |s: &str| {
        s.replace('%', "%25")
            .replace('&', "%26")
            .replace(' ', "+")
            .replace('#', "%23")
    };
    format!("?q={}&sex={sex}&status={status}&page={page}", enc(q))
}

async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<ResidentQuery>,
) -> Result<HttpResponse> {
    let query = query.into_inner();
    let (q, sex) = (
        query.q.clone().unwrap_or_default(),
        query.sex.map(|s| s.to_string()).unwrap_or_default(),
    );
    let status = query
        .status
        .map(|s| s.to_string())
        .unwrap_or_else(|| "1".into());
    let page_no = query.page.unwrap_or(1);
    let (rows, total, error) = match Filter::parse(query, sid_core::clock::today()) {
        Ok(filter) => {
            let (rows, total) = reading::list(&state, &staff, filter).await?;
            (rows, total, None)
        }
        Err(Error::Invalid(errors)) => (
            Vec::new(),
            0,
            Some(
                errors
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ),
        Err(e) => return Err(e),
    };
    let shown = (page_no - 1) * sid_core::pagination::DEFAULT_PER_PAGE + rows.len() as i64;
    let page = ListPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        prev: (page_no > 1).then(|| page_link(&q, &sex, &status, page_no - 1)),
        next: (shown < total).then(|| page_link(&q, &sex, &status, page_no + 1)),
        desa: staff.desa,
        q,
        sex,
        status,
        rows,
        total,
        error,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "penduduk_form.html")]
struct ResidentFormPage {
    nav: Nav,
    desa: Desa,
    title: &'static str,
    api: String,
    method: &'static str,
    next: String,
    /// Where the resident's fields sit in the request body ("resident." for a move-in).
    prefix: &'static str,
    move_in: bool,
    /// The values being corrected; an empty form when absent.
    r: Option<Resident>,
    selects: Vec<Select>,
}

impl ResidentFormPage {
    fn text(&self, field: &str) -> String {
        let Some(r) = &self.r else {
            return String::new();
        };
        match field {
            "nik" => r.nik.clone(),
            "name" => r.name.clone(),
            "birth_place" => r.birth_place.clone(),
            "birth_date" => r.birth_date.format("%Y-%m-%d").to_string(),
            "father_name" => r.father_name.clone().unwrap_or_default(),
            "mother_name" => r.mother_name.clone().unwrap_or_default(),
            "address" => r.address.clone().unwrap_or_default(),
            "phone" => r.phone.clone().unwrap_or_default(),
            "email" => r.email.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Whether the dropdown option is the corrected resident's current value.
    fn selected(&self, field: &str, option: &i32) -> bool {
        let Some(r) = &self.r else {
            return false;
        };
        let current = match field {
            "sex" => r.sex,
            "religion" => r.religion,
            "education" => r.education,
            "occupation" => r.occupation,
            "marital_status" => r.marital_status,
            "citizenship" => r.citizenship,
            "blood_type" => r.blood_type,
            "disability" => return r.disability == Some(*option),
            "ktp_status" => return r.ktp_status == Some(*option),
            "chronic_illness" => return r.chronic_illness == Some(*option),
            "kb_method" => return r.kb_method == Some(*option),
            "health_insurance" => return r.health_insurance == Some(*option),
            _ => return false,
        };
        current == *option
    }
}

/// The code-list dropdowns of the resident form; the relationship in the family is set on the
/// family's card, so a correction leaves it out.
fn resident_selects(with_shdk: bool) -> Vec<Select> {
    let mut selects = vec![
        select("religion", "Agama", "agama"),
        select("education", "Pendidikan dalam KK", "pendidikan_kk"),
        select("occupation", "Pekerjaan", "pekerjaan"),
        select("marital_status", "Status perkawinan", "status_perkawinan"),
        select("citizenship", "Kewarganegaraan", "kewarganegaraan"),
        select("blood_type", "Golongan darah", "golongan_darah"),
        optional("disability", "Cacat", "cacat"),
        optional("ktp_status", "Status KTP-el", "status_ktp"),
        optional("chronic_illness", "Sakit menahun", "sakit_menahun"),
        optional("kb_method", "Cara KB", "cara_kb"),
        optional("health_insurance", "Asuransi kesehatan", "asuransi"),
    ];
    if with_shdk {
        selects.push(select("shdk", "Hubungan dalam keluarga", "shdk"));
    }
    selects
}

async fn new_resident(req: HttpRequest, staff: Staff) -> Result<HttpResponse> {
    let slug = staff.desa.slug.clone();
    let page = ResidentFormPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        title: "Tambah penduduk",
        api: format!("/api/v1/desa/{slug}/residents"),
        method: "POST",
        next: format!("/desa/{slug}/admin/penduduk/{{id}}"),
        prefix: "",
        move_in: false,
        r: None,
        selects: resident_selects(true),
        desa: staff.desa,
    };
    page::render(&page, &page.nav)
}

/// A person arriving from outside the desa: the resident's fields and where they come from.
async fn move_in(req: HttpRequest, staff: Staff) -> Result<HttpResponse> {
    let slug = staff.desa.slug.clone();
    let page = ResidentFormPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        title: "Catat penduduk datang",
        api: format!("/api/v1/desa/{slug}/events"),
        method: "POST",
        next: format!("/desa/{slug}/admin/penduduk/{{id}}"),
        prefix: "resident.",
        move_in: true,
        r: None,
        selects: resident_selects(true),
        desa: staff.desa,
    };
    page::render(&page, &page.nav)
}

async fn correct_resident(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (slug, id) = path.into_inner();
    let r = view(&state, &staff, id).await?;
    let page = ResidentFormPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        title: "Perbaiki data penduduk",
        api: format!("/api/v1/desa/{slug}/residents/{}", r.id),
        method: "PATCH",
        next: format!("/desa/{slug}/admin/penduduk/{}", r.id),
        prefix: "",
        move_in: false,
        r: Some(r),
        selects: resident_selects(false),
        desa: staff.desa,
    };
    page::render(&page, &page.nav)
}

#[derive(Template)]
#[template(path = "penduduk_detail.html")]
struct ResidentPage {
    nav: Nav,
    desa: Desa,
    /// Every other active desa: destinations of a move within the regency.
    destinations: Vec<(String, String)>,
    r: Resident,
    facts: Vec<(&'static str, String)>,
    events: Vec<Event>,
    /// A move to another desa that waits for its answer.
    transfer: Option<TransferView>,
}

async fn resident(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let r = view(&state, &staff, id).await?;
    let rid = r.id.clone();
    let (history, transfer) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            Ok((
                events::history(conn, tenant, &rid)?,
                transfers::store::open_for(conn, tenant, &rid)?,
            ))
        })
        .await?;
    let transfer = transfer
        .map(|t| TransferView::new(t, &state.directory.all()))
        .transpose()?;
    let facts = vec![
        ("NIK", r.nik.clone()),
        ("Jenis kelamin", code_name("jenis_kelamin", r.sex)),
        (
            "Tempat, tanggal lahir",
            format!("{}, {}", r.birth_place, r.birth_date.format("%d-%m-%Y")),
        ),
        ("Agama", code_name("agama", r.religion)),
        ("Pendidikan", code_name("pendidikan_kk", r.education)),
        ("Pekerjaan", code_name("pekerjaan", r.occupation)),
        (
            "Status perkawinan",
            code_name("status_perkawinan", r.marital_status),
        ),
        ("Hubungan dalam keluarga", code_name("shdk", r.shdk)),
        ("Status", code_name("status_dasar", r.status)),
        ("Alamat", r.address.clone().unwrap_or_default()),
        ("Nama ayah", r.father_name.clone().unwrap_or_default()),
        ("Nama ibu", r.mother_name.clone().unwrap_or_default()),
        ("Status KTP-el", maybe("status_ktp", r.ktp_status)),
        ("Sakit menahun", maybe("sakit_menahun", r.chronic_illness)),
        ("Cara KB", maybe("cara_kb", r.kb_method)),
        ("Asuransi kesehatan", maybe("asuransi", r.health_insurance)),
    ];
    let destinations = state
        .directory
        .all()
        .iter()
        .filter(|d| d.active && d.tenant != staff.desa.tenant)
        .map(|d| {
            (
                d.code.clone(),
                format!("{} (Kec. {})", d.name, d.kecamatan.name),
            )
        })
        .collect();
    let page = ResidentPage {
        nav: Nav::new(&req, Some(&staff.caller)),
        desa: staff.desa,
        destinations,
        r,
        facts,
        events: history,
        transfer,
    };
    page::render(&page, &page.nav)
}
