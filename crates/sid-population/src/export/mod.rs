//! Exporting the filtered resident list as CSV or XLSX, in our import layout or in OpenSID's
//! (a desa leaves as easily as it arrives: either file imports back, here or into OpenSID).
//! Every export is written to the audit log.

mod api;

use rust_xlsxwriter::Workbook;
use sid_core::spreadsheet::CsvFile;
use sid_core::{Error, Result};

use crate::import::column_names;
use crate::import::layouts::{Field, OPENSID_HEADER};
use crate::residents::search::ResidentRow;
use crate::residents::store::Resident;

pub use api::{configure, ExportDoc};

/// The layouts a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    Sid,
    Opensid,
}

impl Layout {
    pub(crate) fn header(self) -> Vec<&'static str> {
        match self {
            Layout::Sid => column_names(),
            Layout::Opensid => OPENSID_HEADER.to_vec(),
        }
    }

    pub(crate) fn cells(self, row: &ResidentRow, r: &Resident) -> Vec<String> {
        match self {
            Layout::Sid => cells(row, r),
            Layout::Opensid => opensid_cells(row, r),
        }
    }
}

/// OpenSID's columns in its order, codes as its "Kode Data" (which ours keep); the columns we
/// hold nothing for stay empty.
fn opensid_cells(row: &ResidentRow, r: &Resident) -> Vec<String> {
    let ours: std::collections::HashMap<&str, String> =
        column_names().into_iter().zip(cells(row, r)).collect();
    let field = |f: Field| ours.get(f.name()).cloned().unwrap_or_default();
    OPENSID_HEADER
        .iter()
        .map(|column| match *column {
            "alamat" => field(Field::Alamat),
            "dusun" => field(Field::Dusun),
            "rw" => field(Field::Rw),
            "rt" => field(Field::Rt),
            "nama" => field(Field::Nama),
            "no_kk" => field(Field::NoKk),
            "nik" => field(Field::Nik),
            "sex" => field(Field::JenisKelamin),
            "tempatlahir" => field(Field::TempatLahir),
            "tanggallahir" => r.birth_date.format("%Y-%m-%d").to_string(),
            "agama_id" => field(Field::Agama),
            "pendidikan_kk_id" => field(Field::Pendidikan),
            "pekerjaan_id" => field(Field::Pekerjaan),
            "status_kawin" => field(Field::StatusPerkawinan),
            "kk_level" => field(Field::Shdk),
            "warganegara_id" => field(Field::Kewarganegaraan),
            "ayah_nik" => field(Field::NikAyah),
            "nama_ayah" => field(Field::NamaAyah),
            "ibu_nik" => field(Field::NikIbu),
            "nama_ibu" => field(Field::NamaIbu),
            "golongan_darah_id" => field(Field::GolonganDarah),
            "akta_lahir" => field(Field::AktaLahir),
            "cacat_id" => field(Field::Cacat),
            "status_dasar" => field(Field::StatusDasar),
            _ => String::new(),
        })
        .collect()
}

/// Our layout, in `COLUMNS` order.
fn cells(row: &ResidentRow, r: &Resident) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        opt(&row.no_kk),
        r.nik.clone(),
        r.name.clone(),
        r.sex.to_string(),
        r.birth_place.clone(),
        r.birth_date.format("%d-%m-%Y").to_string(),
        r.religion.to_string(),
        r.education.to_string(),
        r.occupation.to_string(),
        r.marital_status.to_string(),
        r.shdk.to_string(),
        r.citizenship.to_string(),
        r.blood_type.to_string(),
        opt(&r.father_name),
        opt(&r.mother_name),
        opt(&r.address),
        opt(&row.dusun),
        opt(&row.rw),
        opt(&row.rt),
        opt(&r.father_nik),
        opt(&r.mother_nik),
        r.disability.map(|d| d.to_string()).unwrap_or_default(),
        opt(&r.birth_cert_no),
        r.status.to_string(),
    ]
}

pub(crate) fn csv_file(header: Vec<&str>, lines: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut file = CsvFile::new(header)?;
    for line in lines {
        file.row(line)?;
    }
    file.into_bytes()
}

pub(crate) fn xlsx_file(header: Vec<&str>, lines: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Penduduk").map_err(Error::internal)?;
    for (c, name) in header.into_iter().enumerate() {
        sheet
            .write_string(0, c as u16, name)
            .map_err(Error::internal)?;
    }
    // Every cell a string cell: NIK and No KK must not become numbers, and no cell is a formula.
    for (r, line) in lines.iter().enumerate() {
        for (c, value) in line.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16, value)
                .map_err(Error::internal)?;
        }
    }
    book.save_to_buffer().map_err(Error::internal)
}
