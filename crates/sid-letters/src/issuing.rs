//! Issuing a letter: inside the one transaction that moves a request to Siap Diambil, take the
//! next number, fill the template, sign the statement with the desa's key, render and store the
//! PDF. If any step fails, nothing of it stays: not the status, not the number, not the file.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use sid_core::db::{DbConn, Write};
use sid_core::files::{sha256_hex, FileKey, Files, Staged};
use sid_core::{Desa, Error, Result, TenantId};
use sid_population::codes;
use sid_population::families::store as families;
use sid_population::residents::{store as residents, Resident};

use super::desa_key::{self, Statement};
use super::pdf::{self, LetterData};
use super::store::{self, Request, Signed};
use super::{logo, numbering, offering, signature_block, template, types, verification_codes};

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// "29 November 2026".
pub fn tanggal(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// The values a template can print for this request.
pub fn values(
    conn: &mut DbConn,
    tenant: &TenantId,
    desa: &Desa,
    subject: &Resident,
    req: &Request,
) -> Result<BTreeMap<String, String>> {
    let code = |list: &str, c: i32| codes::name(list, c).unwrap_or("-").to_string();
    let no_kk = match &subject.family_id {
        Some(f) => families::find(conn, tenant, f)?.map(|f| f.no_kk),
        None => None,
    };
    let mut v: BTreeMap<String, String> = [
        ("nama", subject.name.clone()),
        ("nik", subject.nik.clone()),
        ("no_kk", no_kk.unwrap_or_default()),
        ("jenis_kelamin", code("jenis_kelamin", subject.sex)),
        ("tempat_lahir", subject.birth_place.clone()),
        ("tanggal_lahir", tanggal(subject.birth_date)),
        ("agama", code("agama", subject.religion)),
        ("pekerjaan", code("pekerjaan", subject.occupation)),
        (
            "status_perkawinan",
            code("status_perkawinan", subject.marital_status),
        ),
        (
            "kewarganegaraan",
            code("kewarganegaraan", subject.citizenship),
        ),
        ("alamat", subject.address.clone().unwrap_or_default()),
        ("nama_desa", desa.name.clone()),
        ("kecamatan", desa.kecamatan.name.clone()),
        ("kabupaten", "Serang".into()),
        ("kode_desa", desa.code.clone()),
        ("keperluan", req.purpose.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let fields: BTreeMap<String, String> =
        serde_json::from_str(&req.fields).map_err(Error::internal)?;
    v.extend(fields);
    Ok(v)
}

/// Signs `req` (already checked to be waiting for signature) as the act's actor; returns the
/// PDF, staged until the transaction commits.
pub fn issue(
    w: &mut Write,
    desa: &Desa,
    files: &Files,
    public_url: &str,
    req: &Request,
) -> Result<Staged> {
    let kind = types::find(&req.type_code)
        .ok_or_else(|| Error::Internal(format!("jenis surat hilang: {}", req.type_code)))?;
    let settings = store::settings(w.conn, w.tenant)?;
    let today = w.today();
    let scope = if settings.single_sequence {
        "*"
    } else {
        kind.code
    };
    let sequence = numbering::next(w.conn, w.tenant, scope, today.year())?;
    let number = numbering::format_number(
        &settings.number_format,
        &numbering::NumberParts {
            classification: kind.classification,
            sequence,
            desa_code: &desa.code,
            month: today.month(),
            year: today.year(),
        },
    );
    let subject = residents::require(w.conn, w.tenant, &req.subject_id)?;
    let mut values = values(w.conn, w.tenant, desa, &subject, req)?;
    let valid_until = kind
        .validity_days
        .map(|d| tanggal(today + chrono::Duration::days(i64::from(d))));
    values.insert("nomor".into(), number.clone());
    values.insert("tanggal_surat".into(), tanggal(today));
    values.insert(
        "berlaku_sampai".into(),
        valid_until.clone().unwrap_or_default(),
    );
    let body = template::fill(&offering::template_of(w.conn, w.tenant, kind)?, &values);

    let profile = sid_admin::profile(w.conn, w.tenant)?;
    let block = signature_block::of(w.actor, &desa.name, profile.kepala_desa);
    let (signer_name, signer_title) = (block.name, block.title);
    let body_sha256 = sha256_hex(body.as_bytes());
    let signed_on = today.format("%Y-%m-%d").to_string();
    let masked = desa_key::mask_name(&subject.name);
    let statement = Statement {
        desa_code: &desa.code,
        number: &number,
        type_code: kind.code,
        signed_on: &signed_on,
        subject: &masked,
        body_sha256: &body_sha256,
    }
    .text();
    let signature = desa_key::sign(&desa_key::key(files, w.tenant)?, &statement);
    let code = desa_key::new_code();
    let link = format!("{public_url}/verifikasi/{code}");
    // The QR code carries the statement and its signature, for a check without the server.
    let qr = format!(
        "{link}#{}.{signature}",
        desa_key::encode(statement.as_bytes())
    );
    let mut data = LetterData {
        kertas: settings.paper.clone(),
        desa: desa.name.clone(),
        kecamatan: desa.kecamatan.name.clone(),
        alamat: profile.address.unwrap_or_else(|| {
            format!(
                "Desa {}, Kecamatan {}, Kabupaten Serang, Banten",
                desa.name, desa.kecamatan.name
            )
        }),
        judul: kind.name.to_string(),
        nomor: number.clone(),
        paragraf: body
            .split("\n\n")
            .map(|p| p.lines().map(str::to_string).collect())
            .collect(),
        tempat_tanggal: format!("{}, {}", desa.name, tanggal(today)),
        jabatan: signer_title.clone(),
        penandatangan: signer_name.clone(),
        verifikasi: link,
        berlaku: valid_until.unwrap_or_default(),
        logo: "/logo.svg".into(),
    };
    let desa_logo = logo::of(files, w.tenant)?.map(|(bytes, ext)| {
        data.logo = format!("/desa-logo.{ext}");
        bytes
    });
    let bytes = pdf::render(&data, &qr, desa_logo)?;
    let file = files.stage(FileKey::letter_pdf(w.tenant, &req.id), &bytes)?;
    store::record_signature(
        w.conn,
        w.tenant,
        &req.id,
        &Signed {
            number: &number,
            scope,
            year: today.year(),
            sequence,
            signed_by: &w.actor.id,
            signer_name: &signer_name,
            signer_title: &signer_title,
            pdf_sha256: &sha256_hex(&bytes),
            verify_code: &code,
            statement: &statement,
            signature: &signature,
        },
        w.now,
    )?;
    verification_codes::register(w.conn, &code, w.tenant, &req.id)?;
    Ok(file)
}
