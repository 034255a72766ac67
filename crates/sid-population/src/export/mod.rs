//! Exporting the filtered resident list as CSV or XLSX, in the import layout (a file exported
//! here imports elsewhere). Every export is written to the audit log.

mod api;

use rust_xlsxwriter::Workbook;
use sid_core::spreadsheet::CsvFile;
use sid_core::{Error, Result};

use crate::import::column_names;
use crate::residents::search::ResidentRow;
use crate::residents::store::Resident;

pub use api::{configure, ExportDoc};

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
    ]
}

pub(crate) fn csv_file(lines: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut file = CsvFile::new(column_names())?;
    for line in lines {
        file.row(line)?;
    }
    file.into_bytes()
}

pub(crate) fn xlsx_file(lines: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Penduduk").map_err(Error::internal)?;
    for (c, name) in column_names().into_iter().enumerate() {
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
