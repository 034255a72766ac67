//! Exporting the filtered resident list as CSV or XLSX, in our import layout or in OpenSID's
//! (a desa leaves as easily as it arrives: either file imports back, here or into OpenSID).
//! Every export is written to the audit log.

mod api;

use rust_xlsxwriter::Workbook;
use sid_core::spreadsheet::CsvFile;
use sid_core::{Error, Result};

use crate::import::column_names;
use crate::import::layouts::{opensid_field, OPENSID_HEADER};
use crate::residents::search::ResidentRow;
use crate::residents::store::Resident;

pub use api::{configure, ExportDoc};

/// The layouts a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Sid,
    Opensid,
}

impl Layout {
    fn header(self) -> Vec<&'static str> {
        match self {
            Layout::Sid => column_names(),
            Layout::Opensid => OPENSID_HEADER.to_vec(),
        }
    }

    /// A row in our layout's order (`COLUMNS`), laid out in this one. OpenSID's codes are ours;
    /// the columns we hold nothing for stay empty.
    pub fn arrange(self, ours: Vec<String>) -> Vec<String> {
        match self {
            Layout::Sid => ours,
            Layout::Opensid => {
                let ours: std::collections::HashMap<&str, String> =
                    column_names().into_iter().zip(ours).collect();
                OPENSID_HEADER
                    .iter()
                    .map(|column| {
                        opensid_field(column)
                            .and_then(|f| ours.get(f.name()).cloned())
                            .unwrap_or_default()
                    })
                    .collect()
            }
        }
    }
}

/// The lines as a file in `layout`: XLSX (every cell text) or CSV.
pub fn file(layout: Layout, xlsx: bool, lines: &[Vec<String>]) -> Result<Vec<u8>> {
    if xlsx {
        xlsx_file(layout.header(), lines)
    } else {
        csv_file(layout.header(), lines)
    }
}

/// Our layout, in `COLUMNS` order.
pub(crate) fn cells(row: &ResidentRow, r: &Resident) -> Vec<String> {
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
        code(r.disability),
        opt(&r.birth_cert_no),
        code(r.ktp_status),
        code(r.chronic_illness),
        code(r.kb_method),
        code(r.health_insurance),
        r.status.to_string(),
    ]
}

/// An optional code as a cell: empty when absent.
pub(crate) fn code(c: Option<i32>) -> String {
    c.map(|v| v.to_string()).unwrap_or_default()
}

fn csv_file(header: Vec<&str>, lines: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut file = CsvFile::new(header)?;
    for line in lines {
        file.row(line)?;
    }
    file.into_bytes()
}

fn xlsx_file(header: Vec<&str>, lines: &[Vec<String>]) -> Result<Vec<u8>> {
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
