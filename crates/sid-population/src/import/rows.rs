//! From a recognised table to residents: each cell parsed by the same types the API uses, code
//! columns by code or label, every problem kept with its row and the file's own column title.

use std::collections::{BTreeMap, HashMap, HashSet};

use calamine::{ExcelDateTime, ExcelDateTimeType};
use chrono::NaiveDate;
use serde::Serialize;
use sid_core::fields::{Required, Text};
use sid_core::{Error, RowError};

use super::labels::{self, Found};
use super::layouts::{dusun_in_address, text, Field, Layout, Table};
use super::sheet::Cell;
use super::Progress;
use crate::codes::{status, KEPALA_KELUARGA};
use crate::nik::{self, Nik, NoKk, Origin, Sex};
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
    /// Status dasar: the living, and the dead, moved and invalid records a register keeps.
    pub status: i32,
}

/// A label read through a variant spelling, reported once per column and value.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Variant {
    /// The column title as in the file.
    pub column: String,
    /// The label as the file spells it.
    pub value: String,
    pub code: i32,
    /// The code's name in the list.
    pub name: String,
    /// Rows that carry it.
    pub rows: usize,
}

/// What the rows gave.
pub struct Parsed {
    pub valid: Vec<ImportRow>,
    pub problems: Vec<RowError>,
    pub variants: Vec<Variant>,
}

struct Row<'a> {
    number: usize,
    cells: &'a [Cell],
    table: &'a Table,
    problems: Vec<RowError>,
    variants: Vec<(Field, String, i32)>,
}

impl Row<'_> {
    fn problem(&mut self, field: Field, message: impl Into<String>) {
        self.problems.push(RowError {
            row: self.number,
            column: column_title(self.table, field),
            message: message.into(),
        });
    }

    fn cell(&self, field: Field) -> &Cell {
        self.table
            .index
            .get(&field)
            .and_then(|&i| self.cells.get(i))
            .unwrap_or(&Cell::Empty)
    }

    /// The cell as text ("-" is empty, as registers write it). A 16-digit number stored as a
    /// number has lost its last digits.
    fn text(&mut self, field: Field) -> Option<String> {
        match self.cell(field).clone() {
            Cell::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty() && s != "-"),
            Cell::Empty => None,
            Cell::Number(n) if n.abs() >= 1e12 => {
                let column = column_title(self.table, field);
                self.problem(
                    field,
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

    /// The cell, or what the layout puts where it has no such column.
    fn required(&mut self, field: Field) -> Option<String> {
        let v = self.text(field).or_else(|| {
            self.table
                .layout
                .defaults()
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, d)| d.to_string())
        });
        let column = column_title(self.table, field);
        if v.is_none() && !self.problems.iter().any(|p| p.column == column) {
            self.problem(field, "wajib diisi");
        }
        v
    }

    fn parsed<T>(
        &mut self,
        field: Field,
        value: Option<String>,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let value = value?;
        match parse(&value) {
            Ok(v) => Some(v),
            Err(m) => {
                self.problem(field, m);
                None
            }
        }
    }

    /// A code column: the code, or its label in any spelling `labels` knows.
    fn code(&mut self, field: Field, default: Option<i32>) -> Option<i32> {
        let list = field.list().unwrap_or_default();
        let value = match default {
            Some(d) => Some(self.text(field).unwrap_or_else(|| d.to_string())),
            None => self.required(field),
        }?;
        match labels::find(list, &value) {
            Some(Found::Exact(code)) => Some(code),
            Some(Found::Variant(code)) => {
                self.variants.push((field, value, code));
                Some(code)
            }
            None => {
                let what = list.replace('_', " ");
                self.problem(
                    field,
                    if value.parse::<i32>().is_ok() {
                        format!(
                            "kode {value} tidak ada dalam daftar {what} (lihat /api/v1/code-lists)"
                        )
                    } else {
                        format!("'{value}' tidak dikenal sebagai {what} (lihat /api/v1/code-lists)")
                    },
                );
                None
            }
        }
    }

    fn date(&mut self, field: Field) -> Option<NaiveDate> {
        if let Cell::Date(serial) = self.cell(field).clone() {
            return self.parsed(field, Some(String::new()), |_| excel_date(serial));
        }
        let value = self.required(field);
        self.parsed(field, value, parse_date)
    }

    fn optional_text<const MAX: usize>(&mut self, field: Field) -> Option<String> {
        let value = self.text(field);
        self.parsed(field, value, |s| {
            Text::<MAX>::try_from(s.to_string()).map(|t| t.0)
        })
        .flatten()
    }

    fn required_text<const MAX: usize>(&mut self, field: Field) -> Option<String> {
        let value = self.required(field);
        self.parsed(field, value, |s| {
            Required::<MAX>::try_from(s.to_string()).map(|r| r.0)
        })
    }

    /// An RW or RT number as the areas keep it.
    fn area_number(&mut self, field: Field, value: String) -> Option<String> {
        self.parsed(field, Some(value), |s| {
            crate::areas::Number::try_from(s.to_string()).map(|n| n.0)
        })
    }
}

/// SHDK codes of a spouse.
const SUAMI: i32 = 2;
const ISTRI: i32 = 3;
/// Below this age no one is married (the law's minimum is 19, dispensations aside).
const UNMARRIED_BELOW: u32 = 16;

impl Row<'_> {
    /// The Buku Induk prints no marital status. It is certain for spouses, for a head whose
    /// card holds a spouse and for children; anyone else is refused rather than guessed.
    fn marital_status_inferred(
        &mut self,
        shdk: Option<i32>,
        birth_date: Option<NaiveDate>,
        spouse_on_card: bool,
    ) -> Option<i32> {
        let age = birth_date.and_then(|d| sid_core::clock::today().years_since(d));
        let (code, why) = match (shdk, age) {
            (Some(SUAMI | ISTRI), _) => (2, "(disimpulkan: suami/istri)"),
            (Some(KEPALA_KELUARGA), _) if spouse_on_card => {
                (2, "(disimpulkan: kepala keluarga beristri/bersuami)")
            }
            (_, Some(age)) if age < UNMARRIED_BELOW => (1, "(disimpulkan: umur di bawah 16)"),
            (None, _) | (_, None) => return None,
            _ => {
                self.problem(
                    Field::StatusPerkawinan,
                    "status perkawinan tidak tercantum di Buku Induk dan tidak dapat disimpulkan \
                     dari SHDK atau umur: impor orang ini dari ekspor SIAK atau OpenSID, atau \
                     tambahkan lewat halaman penduduk",
                );
                return None;
            }
        };
        self.variants
            .push((Field::StatusPerkawinan, why.to_string(), code));
        Some(code)
    }
}

/// Cards of a sheet that hold a husband or wife.
fn cards_with_spouse(table: &Table) -> HashSet<String> {
    let cell = |cells: &[Cell], field: Field| {
        table
            .index
            .get(&field)
            .and_then(|&i| cells.get(i))
            .map(text)
            .unwrap_or_default()
    };
    table
        .rows
        .iter()
        .filter(|(_, cells)| {
            matches!(
                labels::find("shdk", &cell(cells, Field::Shdk)),
                Some(Found::Exact(SUAMI | ISTRI) | Found::Variant(SUAMI | ISTRI))
            )
        })
        .map(|(_, cells)| cell(cells, Field::NoKk))
        .collect()
}

/// The title of the column that holds `field`, as the file writes it.
fn column_title(table: &Table, field: Field) -> String {
    table
        .index
        .get(&field)
        .and_then(|&i| table.headers.get(i))
        .cloned()
        .unwrap_or_else(|| field.name().to_string())
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

/// Which field a message of the shared checks is about.
fn field_of(name: &str) -> Field {
    match name {
        "sex" => Field::JenisKelamin,
        "nik" => Field::Nik,
        _ => Field::TanggalLahir,
    }
}

/// Checks every row; returns the valid ones, the problems of the others and the labels read
/// through variant spellings.
pub fn parse(table: &Table, progress: &Progress) -> Parsed {
    let origin = if table.layout.issued() {
        Origin::Issued
    } else {
        Origin::Typed
    };
    let total = table.rows.len() as u64;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut valid = Vec::with_capacity(table.rows.len());
    let mut problems = Vec::new();
    let mut variants: BTreeMap<(Field, String), (i32, usize)> = BTreeMap::new();
    let spouses = if table.index.contains_key(&Field::StatusPerkawinan) {
        HashSet::new()
    } else {
        cards_with_spouse(table)
    };
    for (done, (number, cells)) in table.rows.iter().enumerate() {
        if done % 1000 == 0 {
            progress("periksa", done as u64, total);
        }
        let mut row = Row {
            number: *number,
            cells,
            table,
            problems: Vec::new(),
            variants: Vec::new(),
        };
        let value = row.required(Field::NoKk);
        let no_kk = row.parsed(Field::NoKk, value, |s| NoKk::parse_from(s, origin));
        let raw_nik = row.required(Field::Nik);
        let nik = row.parsed(Field::Nik, raw_nik.clone(), |s| Nik::parse_from(s, origin));
        let name = row.required_text::<100>(Field::Nama);
        let sex_value = row
            .code(Field::JenisKelamin, None)
            .and_then(|c| Sex::try_from(c).ok());
        let birth_place = row.required_text::<100>(Field::TempatLahir);
        let birth_date = row.date(Field::TanggalLahir);
        let religion = row.code(Field::Agama, None);
        let education = row.code(Field::Pendidikan, None);
        let occupation = row.code(Field::Pekerjaan, None);
        let shdk = row.code(Field::Shdk, None);
        let marital_status = if table.index.contains_key(&Field::StatusPerkawinan) {
            row.code(Field::StatusPerkawinan, None)
        } else {
            let on_card = no_kk
                .as_ref()
                .is_some_and(|kk| spouses.contains(kk.as_str()));
            row.marital_status_inferred(shdk, birth_date, on_card)
        };
        let citizenship = row.code(Field::Kewarganegaraan, Some(1));
        let blood_type = row.code(Field::GolonganDarah, Some(13));
        let status_dasar = row.code(Field::StatusDasar, Some(status::HIDUP));
        let mut optional_code = |field| match row.text(field) {
            Some(_) => row.code(field, None),
            None => None,
        };
        let disability = optional_code(Field::Cacat);
        let ktp_status = optional_code(Field::StatusKtp);
        let chronic_illness = optional_code(Field::SakitMenahun);
        let kb_method = optional_code(Field::CaraKb);
        let health_insurance = optional_code(Field::Asuransi);
        let father_name = row.optional_text::<100>(Field::NamaAyah);
        let mother_name = row.optional_text::<100>(Field::NamaIbu);
        let father_nik = row
            .text(Field::NikAyah)
            .and_then(|v| row.parsed(Field::NikAyah, Some(v), |s| Nik::parse_from(s, origin)));
        let mother_nik = row
            .text(Field::NikIbu)
            .and_then(|v| row.parsed(Field::NikIbu, Some(v), |s| Nik::parse_from(s, origin)));
        let birth_cert_no = row.optional_text::<50>(Field::AktaLahir);
        let address = row.required_text::<300>(Field::Alamat);
        let dusun = match (table.layout, row.text(Field::Dusun)) {
            (Layout::Siak, None) => address.as_deref().map(dusun_in_address),
            (_, dusun) => dusun,
        };
        let area = match (dusun, row.text(Field::Rw), row.text(Field::Rt)) {
            (None, None, None) => None,
            (Some(d), Some(rw), Some(rt)) => {
                let rw = row.area_number(Field::Rw, rw);
                let rt = row.area_number(Field::Rt, rt);
                rw.zip(rt).map(|(rw, rt)| (d, rw, rt))
            }
            (None, Some(rw), Some(rt)) if table.layout != Layout::Sid => {
                let rw = row.area_number(Field::Rw, rw);
                let rt = row.area_number(Field::Rt, rt);
                rw.zip(rt).map(|(rw, rt)| ("-".to_string(), rw, rt))
            }
            // A register's incomplete RT/RW leaves the person at the family's address.
            _ if table.layout != Layout::Sid => None,
            _ => {
                row.problem(
                    Field::Dusun,
                    "isi dusun, rw dan rt bersama-sama, atau kosongkan ketiganya",
                );
                None
            }
        };
        match (&nik, birth_date, sex_value) {
            (Some(nik), Some(date), Some(sex)) => {
                if let Err(Error::Invalid(errors)) = check_identity(nik, date, sex) {
                    for e in errors {
                        row.problem(field_of(&e.field), e.message);
                    }
                }
            }
            // Digits that are no NIK are still compared, so that the refusal names what
            // disagrees with the birth date.
            (None, Some(date), Some(sex)) => {
                if let Some(Err(m)) = raw_nik.map(|raw| nik::check_digits(&raw, date, sex)) {
                    row.problem(Field::Nik, m);
                }
            }
            _ => {}
        }
        if let Some(nik) = &nik {
            if let Some(first) = seen.insert(nik.as_str().to_string(), row.number) {
                row.problem(Field::Nik, format!("NIK sama dengan baris {first}"));
            }
        }
        for (field, value, code) in std::mem::take(&mut row.variants) {
            variants.entry((field, value)).or_insert((code, 0)).1 += 1;
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
            status_dasar,
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
                    Some(status),
                ),
                true,
            ) => valid.push(ImportRow {
                row: row.number,
                no_kk,
                address,
                area,
                status,
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
                    disability,
                    ktp_status,
                    chronic_illness,
                    kb_method,
                    health_insurance,
                    father_name,
                    mother_name,
                    father_nik: father_nik.map(String::from),
                    mother_nik: mother_nik.map(String::from),
                    family_id: None,
                    area_id: None,
                    address: None,
                    phone: None,
                    email: None,
                    birth_cert_no,
                },
            }),
            _ => problems.extend(row.problems),
        }
    }
    progress("periksa", total, total);
    Parsed {
        valid,
        problems,
        variants: variants
            .into_iter()
            .map(|((field, value), (code, rows))| Variant {
                column: column_title(table, field),
                name: field
                    .list()
                    .and_then(|l| crate::codes::name(l, code))
                    .unwrap_or_default()
                    .to_string(),
                value,
                code,
                rows,
            })
            .collect(),
    }
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
