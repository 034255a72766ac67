//! From cells to residents: each cell parsed by the same types the API uses, every problem
//! kept with its row and column.

use std::collections::HashMap;

use calamine::{ExcelDateTime, ExcelDateTimeType};
use chrono::NaiveDate;
use sid_core::fields::{Required, Text};
use sid_core::{Error, RowError};

use super::columns::{normalise, COLUMNS};
use super::sheet::{Cell, Sheet};
use super::Progress;
use crate::codes::{
    Agama, Code, CodeList, GolonganDarah, Kewarganegaraan, Pekerjaan, PendidikanKk, Shdk,
    StatusPerkawinan,
};
use crate::nik::{Nik, NoKk, Sex};
use crate::residents::input::check_identity;
use crate::residents::NewResident;

/// One valid row.
pub struct ImportRow {
    pub row: usize,
    pub no_kk: NoKk,
    pub address: String,
    /// (dusun, rw, rt) when given.
    pub area: Option<(String, String, String)>,
    pub resident: NewResident,
}

struct Row<'a> {
    number: usize,
    cells: &'a [Cell],
    index: &'a HashMap<&'static str, usize>,
    problems: Vec<RowError>,
}

impl Row<'_> {
    fn problem(&mut self, column: &str, message: impl Into<String>) {
        self.problems.push(RowError {
            row: self.number,
            column: column.to_string(),
            message: message.into(),
        });
    }

    fn cell(&self, column: &str) -> &Cell {
        self.index
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .unwrap_or(&Cell::Empty)
    }

    /// The cell as text. A 16-digit number stored as a number has lost its last digits.
    fn text(&mut self, column: &'static str) -> Option<String> {
        match self.cell(column).clone() {
            Cell::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Cell::Empty => None,
            Cell::Number(n) if n.abs() >= 1e12 => {
                self.problem(
                    column,
                    format!(
                        "{column} tersimpan sebagai angka ({n:e}): digit terakhirnya hilang. \
                         Format kolom sebagai Teks lalu ketik ulang"
                    ),
                );
                None
            }
            Cell::Number(n) if n.fract() == 0.0 => Some(format!("{}", n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Date(serial) => Some(serial.to_string()),
        }
    }

    fn required(&mut self, column: &'static str) -> Option<String> {
        let v = self.text(column);
        if v.is_none() && !self.problems.iter().any(|p| p.column == column) {
            self.problem(column, "wajib diisi");
        }
        v
    }

    fn parsed<T>(
        &mut self,
        column: &'static str,
        value: Option<String>,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let value = value?;
        match parse(&value) {
            Ok(v) => Some(v),
            Err(m) => {
                self.problem(column, m);
                None
            }
        }
    }

    fn code<L: CodeList>(&mut self, column: &'static str, default: Option<i32>) -> Option<i32> {
        let value = match default {
            Some(d) => Some(self.text(column).unwrap_or_else(|| d.to_string())),
            None => self.required(column),
        };
        self.parsed(column, value, |s| {
            let n: i32 = s
                .parse()
                .map_err(|_| format!("kode {} harus angka", L::LABEL))?;
            Code::<L>::parse(n).map(|c| c.code())
        })
    }

    fn date(&mut self, column: &'static str) -> Option<NaiveDate> {
        if let Cell::Date(serial) = self.cell(column).clone() {
            return self.parsed(column, Some(String::new()), |_| excel_date(serial));
        }
        let value = self.required(column);
        self.parsed(column, value, parse_date)
    }
}

fn excel_date(serial: f64) -> Result<NaiveDate, String> {
    ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false)
        .as_datetime()
        .map(|d| d.date())
        .ok_or_else(|| "tanggal Excel tidak valid".to_string())
}

/// DD-MM-YYYY, DD/MM/YYYY, YYYY-MM-DD, or an Excel serial number.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    for format in ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, format) {
            return Ok(d);
        }
    }
    match s.parse::<f64>() {
        Ok(serial) if (1.0..100_000.0).contains(&serial) => excel_date(serial),
        _ => Err(format!("tanggal '{s}' tidak dikenal; pakai DD-MM-YYYY")),
    }
}

fn sex(s: &str) -> Result<Sex, String> {
    match s.to_uppercase().as_str() {
        "1" | "L" | "LAKI-LAKI" => Ok(Sex::Male),
        "2" | "P" | "PEREMPUAN" => Ok(Sex::Female),
        _ => Err("1/L laki-laki atau 2/P perempuan".into()),
    }
}

fn optional_text<const MAX: usize>(row: &mut Row, column: &'static str) -> Option<String> {
    let value = row.text(column);
    row.parsed(column, value, |s| {
        Text::<MAX>::try_from(s.to_string()).map(|t| t.0)
    })
    .flatten()
}

/// Which API field is which column, for messages of the shared checks.
fn column_of(field: &str) -> &str {
    match field {
        "birth_date" => "tanggal_lahir",
        "sex" => "jenis_kelamin",
        other => other,
    }
}

/// Checks every row; returns the valid ones and the problems of the others.
pub fn parse(sheet: &Sheet, progress: &Progress) -> (Vec<ImportRow>, Vec<RowError>) {
    let headers: Vec<String> = sheet.headers.iter().map(|h| normalise(h)).collect();
    let mut index = HashMap::new();
    let mut problems = Vec::new();
    for (name, required, _) in COLUMNS {
        match headers.iter().position(|h| h == name) {
            Some(i) => {
                index.insert(*name, i);
            }
            None if *required => problems.push(RowError {
                row: 1,
                column: name.to_string(),
                message: "kolom wajib tidak ada di baris judul (lihat templat)".into(),
            }),
            None => {}
        }
    }
    if !problems.is_empty() {
        return (Vec::new(), problems);
    }
    let total = sheet.rows.len() as u64;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut valid = Vec::with_capacity(sheet.rows.len());
    for (done, (number, cells)) in sheet.rows.iter().enumerate() {
        if done % 1000 == 0 {
            progress("periksa", done as u64, total);
        }
        let mut row = Row {
            number: *number,
            cells,
            index: &index,
            problems: Vec::new(),
        };
        let value = row.required("no_kk");
        let no_kk = row.parsed("no_kk", value, NoKk::parse);
        let value = row.required("nik");
        let nik = row.parsed("nik", value, Nik::parse);
        let value = row.required("nama");
        let name = row.parsed("nama", value, |s| {
            Required::<100>::try_from(s.to_string()).map(|r| r.0)
        });
        let value = row.required("jenis_kelamin");
        let sex_value = row.parsed("jenis_kelamin", value, sex);
        let value = row.required("tempat_lahir");
        let birth_place = row.parsed("tempat_lahir", value, |s| {
            Required::<100>::try_from(s.to_string()).map(|r| r.0)
        });
        let birth_date = row.date("tanggal_lahir");
        let religion = row.code::<Agama>("agama", None);
        let education = row.code::<PendidikanKk>("pendidikan", None);
        let occupation = row.code::<Pekerjaan>("pekerjaan", None);
        let marital_status = row.code::<StatusPerkawinan>("status_perkawinan", None);
        let shdk = row.code::<Shdk>("shdk", None);
        let citizenship = row.code::<Kewarganegaraan>("kewarganegaraan", Some(1));
        let blood_type = row.code::<GolonganDarah>("golongan_darah", Some(13));
        let father_name = optional_text::<100>(&mut row, "nama_ayah");
        let mother_name = optional_text::<100>(&mut row, "nama_ibu");
        let value = row.required("alamat");
        let address = row.parsed("alamat", value, |s| {
            Required::<300>::try_from(s.to_string()).map(|r| r.0)
        });
        let area = match (row.text("dusun"), row.text("rw"), row.text("rt")) {
            (None, None, None) => None,
            (Some(d), Some(rw), Some(rt)) => {
                let rw = row.parsed("rw", Some(rw), |s| {
                    crate::areas::Number::try_from(s.to_string()).map(|n| n.0)
                });
                let rt = row.parsed("rt", Some(rt), |s| {
                    crate::areas::Number::try_from(s.to_string()).map(|n| n.0)
                });
                rw.zip(rt).map(|(rw, rt)| (d, rw, rt))
            }
            _ => {
                row.problem(
                    "dusun",
                    "isi dusun, rw dan rt bersama-sama, atau kosongkan ketiganya",
                );
                None
            }
        };
        if let (Some(nik), Some(date), Some(sex)) = (&nik, birth_date, sex_value) {
            if let Err(Error::Invalid(errors)) = check_identity(nik, date, sex) {
                for e in errors {
                    row.problem(column_of(&e.field), e.message);
                }
            }
        }
        if let Some(nik) = &nik {
            if let Some(first) = seen.insert(nik.as_str().to_string(), row.number) {
                row.problem("nik", format!("NIK sama dengan baris {first}"));
            }
        }
        let fields = (
            no_kk,
            nik,
            name,
            sex_value,
            birth_place,
            birth_date,
            address,
        );
        let codes = (
            religion,
            education,
            occupation,
            marital_status,
            shdk,
            citizenship,
            blood_type,
        );
        match (fields, codes, row.problems.is_empty()) {
            (
                (
                    Some(no_kk),
                    Some(nik),
                    Some(name),
                    Some(sex),
                    Some(birth_place),
                    Some(birth_date),
                    Some(address),
                ),
                (
                    Some(religion),
                    Some(education),
                    Some(occupation),
                    Some(marital_status),
                    Some(shdk),
                    Some(citizenship),
                    Some(blood_type),
                ),
                true,
            ) => valid.push(ImportRow {
                row: row.number,
                no_kk,
                address,
                area,
                resident: NewResident {
                    nik,
                    name,
                    sex,
                    birth_place,
                    birth_date,
                    religion,
                    education,
                    occupation,
                    marital_status,
                    shdk,
                    citizenship,
                    blood_type,
                    disability: None,
                    father_name,
                    mother_name,
                    father_nik: None,
                    mother_nik: None,
                    family_id: None,
                    area_id: None,
                    address: None,
                    phone: None,
                    email: None,
                    birth_cert_no: None,
                },
            }),
            _ => problems.extend(row.problems),
        }
    }
    progress("periksa", total, total);
    (valid, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_excel_writes_them() {
        let d = NaiveDate::from_ymd_opt(1985, 2, 17).unwrap();
        assert_eq!(parse_date("17-02-1985"), Ok(d));
        assert_eq!(parse_date("17/02/1985"), Ok(d));
        assert_eq!(parse_date("1985-02-17"), Ok(d));
        assert_eq!(parse_date("31095"), Ok(d));
        assert!(parse_date("31-02-1985").is_err());
    }
}
