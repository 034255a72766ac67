//! The villager's page of their own data, who looked at it, and the form to flag a field.

use actix_web::{web, HttpRequest, HttpResponse};
use sid_core::audit::Entry;
use sid_core::auth::Warga;
use sid_core::page::{self, Nav};
use sid_core::pagination::{PageParams, PageQuery};
use sid_core::{AppState, Desa, Result};

use super::{access_log, load, MyData, FIELDS};
use crate::code_select::code_name;

pub fn configure_pages(cfg: &mut web::ServiceConfig) {
    cfg.route("/layanan/data", web::get().to(my_data_page));
}

#[derive(askama::Template)]
#[template(path = "data_saya.html")]
struct MyDataPage {
    nav: Nav,
    desa: Desa,
    d: MyData,
    facts: Vec<(&'static str, String)>,
    log: Vec<Entry>,
    fields: &'static [&'static str],
}

/// The villager's page of their own data, who looked at it, and the form to flag a field.
async fn my_data_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    warga: Warga,
) -> Result<HttpResponse> {
    let me = warga.resident_id.clone();
    let (d, log) = state
        .db
        .tenant_read(&warga.desa.tenant, move |conn, tenant| {
            let page = PageParams::parse(&PageQuery {
                page: Some(1),
                per_page: Some(50),
            })?;
            Ok((
                load(conn, tenant, &me)?,
                access_log(conn, tenant, &me, &page)?.0,
            ))
        })
        .await?;
    let r = &d.resident;
    let facts = vec![
        ("NIK", r.nik.clone()),
        ("Nama", r.name.clone()),
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
        ("Alamat", r.address.clone().unwrap_or_default()),
        ("Nama ayah", r.father_name.clone().unwrap_or_default()),
        ("Nama ibu", r.mother_name.clone().unwrap_or_default()),
        ("Telepon", r.phone.clone().unwrap_or_default()),
        ("Email", r.email.clone().unwrap_or_default()),
    ];
    let page = MyDataPage {
        nav: Nav::new(&req, Some(&warga.caller)),
        desa: warga.desa,
        d,
        facts,
        log,
        fields: &FIELDS,
    };
    page::render(&page, &page.nav)
}
