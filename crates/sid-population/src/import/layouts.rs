//! The layouts the import recognises by their header, with no choice for the operator to get
//! wrong: our template, OpenSID's "FormatImporExcel" (codes), SIAK's export (text labels) and
//! the Buku Induk Penduduk as Dukcapil prints it (a header block, titles over two rows, one
//! block per family card). Each maps its columns onto the fields of a resident.

use std::collections::HashMap;

use serde::Serialize;

use super::columns::COLUMNS;
pub use super::field::Field;
use super::sheet::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Our template (`/api/v1/desa/{desa}/residents/import/template`).
    Sid,
    /// OpenSID's import and export layout, codes as in its "Kode Data" sheet.
    Opensid,
    /// An export of SIAK, Dukcapil's civil registry.
    Siak,
    /// The Buku Induk Penduduk as Dukcapil prints it.
    BukuInduk,
}

const OPENSID: &[(&str, Field)] = &[
    ("alamat", Field::Alamat),
    ("dusun", Field::Dusun),
    ("rw", Field::Rw),
    ("rt", Field::Rt),
    ("nama", Field::Nama),
    ("no_kk", Field::NoKk),
    ("nik", Field::Nik),
    ("sex", Field::JenisKelamin),
    ("tempatlahir", Field::TempatLahir),
    ("tanggallahir", Field::TanggalLahir),
    ("agama_id", Field::Agama),
    ("pendidikan_kk_id", Field::Pendidikan),
    ("pekerjaan_id", Field::Pekerjaan),
    ("status_kawin", Field::StatusPerkawinan),
    ("kk_level", Field::Shdk),
    ("warganegara_id", Field::Kewarganegaraan),
    ("ayah_nik", Field::NikAyah),
    ("nama_ayah", Field::NamaAyah),
    ("ibu_nik", Field::NikIbu),
    ("nama_ibu", Field::NamaIbu),
    ("golongan_darah_id", Field::GolonganDarah),
    ("akta_lahir", Field::AktaLahir),
    ("cacat_id", Field::Cacat),
    ("cara_kb_id", Field::CaraKb),
    ("id_asuransi", Field::Asuransi),
    ("status_dasar", Field::StatusDasar),
];

/// The field an OpenSID column holds, if we keep one.
pub fn opensid_field(column: &str) -> Option<Field> {
    OPENSID.iter().find(|(c, _)| *c == column).map(|(_, f)| *f)
}

/// OpenSID's 43 columns in order, for the export; those without a field stay empty.
pub const OPENSID_HEADER: &[&str] = &[
    "alamat",
    "dusun",
    "rw",
    "rt",
    "nama",
    "no_kk",
    "nik",
    "sex",
    "tempatlahir",
    "tanggallahir",
    "agama_id",
    "pendidikan_kk_id",
    "pendidikan_sedang_id",
    "pekerjaan_id",
    "status_kawin",
    "kk_level",
    "warganegara_id",
    "ayah_nik",
    "nama_ayah",
    "ibu_nik",
    "nama_ibu",
    "golongan_darah_id",
    "akta_lahir",
    "dokumen_pasport",
    "tanggal_akhir_paspor",
    "dokumen_kitas",
    "akta_perkawinan",
    "tanggalperkawinan",
    "akta_perceraian",
    "tanggalperceraian",
    "cacat_id",
    "cara_kb_id",
    "hamil",
    "ktp_el",
    "status_rekam",
    "alamat_sekarang",
    "status_dasar",
    "suku",
    "tag_id_card",
    "id_asuransi",
    "no_asuransi",
    "lat",
    "lng",
];

const SIAK: &[(&str, Field)] = &[
    ("nomor_kk", Field::NoKk),
    ("nik", Field::Nik),
    ("nama_penduduk", Field::Nama),
    ("status", Field::StatusDasar),
    ("tempat_lahir", Field::TempatLahir),
    ("tanggal_lahir", Field::TanggalLahir),
    ("kelamin", Field::JenisKelamin),
    ("nik_ayah", Field::NikAyah),
    ("ayah", Field::NamaAyah),
    ("nik_ibu", Field::NikIbu),
    ("ibu", Field::NamaIbu),
    ("status_kawin", Field::StatusPerkawinan),
    ("shdk", Field::Shdk),
    ("agama", Field::Agama),
    ("alamat", Field::Alamat),
    ("rw", Field::Rw),
    ("rt", Field::Rt),
    ("pendidikan", Field::Pendidikan),
    ("pekerjaan", Field::Pekerjaan),
    ("gol_darah", Field::GolonganDarah),
    ("cacat", Field::Cacat),
    ("nomor_akta_lahir", Field::AktaLahir),
];

/// Titles over two rows, joined (see `two_row_titles`); the family card's number, address, dusun
/// and RT/RW come from the block line above its members.
const BUKU_INDUK: &[(&str, Field)] = &[
    ("nama_lengkap", Field::Nama),
    ("nik", Field::Nik),
    ("tempat_dan_tanggal_lahir_tempat_lahir", Field::TempatLahir),
    ("tempat_dan_tanggal_lahir_tgl_bln_th", Field::TanggalLahir),
    ("jk", Field::JenisKelamin),
    ("shdk", Field::Shdk),
    ("agama", Field::Agama),
    ("pendidikan_terakhir", Field::Pendidikan),
    ("pekerjaan", Field::Pekerjaan),
    ("nama_orang_tua_kandung_ibu", Field::NamaIbu),
    ("nama_orang_tua_kandung_ayah", Field::NamaAyah),
    (BLOCK_NO_KK, Field::NoKk),
    (BLOCK_ALAMAT, Field::Alamat),
    (BLOCK_DUSUN, Field::Dusun),
    (BLOCK_RW, Field::Rw),
    (BLOCK_RT, Field::Rt),
];

const BLOCK_NO_KK: &str = "no_kk_blok";
const BLOCK_ALAMAT: &str = "alamat_blok";
const BLOCK_DUSUN: &str = "nama_dusun_blok";
const BLOCK_RW: &str = "rw_blok";
const BLOCK_RT: &str = "rt_blok";

impl Layout {
    const ALL: [Layout; 4] = [
        Layout::Sid,
        Layout::Opensid,
        Layout::Siak,
        Layout::BukuInduk,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Layout::Sid => "templat SID Serang",
            Layout::Opensid => "OpenSID (FormatImporExcel)",
            Layout::Siak => "ekspor SIAK Dukcapil",
            Layout::BukuInduk => "Buku Induk Penduduk",
        }
    }

    /// Which normalised header holds which field.
    fn columns(self) -> Vec<(&'static str, Field)> {
        match self {
            Layout::Sid => COLUMNS.iter().map(|(f, _, _)| (f.name(), *f)).collect(),
            Layout::Opensid => OPENSID.to_vec(),
            Layout::Siak => SIAK.to_vec(),
            Layout::BukuInduk => BUKU_INDUK.to_vec(),
        }
    }

    /// Numbers as the civil registry issued them (SIAK, Buku Induk) rather than typed by hand:
    /// their region code and serial are not second-guessed.
    pub fn issued(self) -> bool {
        matches!(self, Layout::Siak | Layout::BukuInduk)
    }

    /// Fields the layout does not carry, and what the import puts there.
    pub fn defaults(self) -> &'static [(Field, &'static str)] {
        match self {
            Layout::Siak => &[(Field::Kewarganegaraan, "1"), (Field::StatusDasar, "1")],
            Layout::BukuInduk => &[(Field::Kewarganegaraan, "1"), (Field::StatusDasar, "1")],
            _ => &[],
        }
    }
}

/// A header cell as compared: lower case, every run of other characters one `_`.
pub fn normalise(header: &str) -> String {
    let mut out = String::new();
    for c in header.trim_start_matches('\u{feff}').chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// What the header says about one of the file's columns.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ColumnUse {
    /// The title as in the file.
    pub header: String,
    /// The field of our template it is read into; none: not stored.
    pub field: Option<&'static str>,
}

/// A file's rows in one layout: the header, the data rows (numbered as in the file) and which
/// column holds which field.
pub struct Table {
    pub layout: Layout,
    pub header_row: usize,
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<Cell>)>,
    pub index: HashMap<Field, usize>,
}

impl Table {
    pub fn columns(&self) -> Vec<ColumnUse> {
        self.headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.trim().is_empty())
            .map(|(i, h)| ColumnUse {
                header: h.clone(),
                field: self
                    .index
                    .iter()
                    .find(|(_, &c)| c == i)
                    .map(|(f, _)| f.name()),
            })
            .collect()
    }
}

/// Rows of the top of a sheet searched for a header.
const HEADER_SEARCH: usize = 30;

pub fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) | Cell::Date(n) if n.fract() == 0.0 => format!("{}", *n as i64),
        Cell::Number(n) | Cell::Date(n) => n.to_string(),
        Cell::Empty => String::new(),
    }
}

/// The layout whose required columns the header carries, or, when none does, the closest one
/// with the required columns it lacks (row number of the header, names).
pub fn recognise(rows: &[(usize, Vec<Cell>)]) -> Result<Table, (usize, Layout, Vec<&'static str>)> {
    let mut closest: Option<(usize, usize, Layout, Vec<&'static str>)> = None;
    for (at, (number, cells)) in rows.iter().enumerate().take(HEADER_SEARCH) {
        for layout in Layout::ALL {
            let headers: Vec<String> = if layout == Layout::BukuInduk {
                two_row_titles(cells, rows.get(at + 1).map(|r| &r.1[..]).unwrap_or(&[]))
            } else {
                cells.iter().map(text).collect()
            };
            let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
            let mut index = HashMap::new();
            for (name, field) in layout.columns() {
                if let Some(i) = normalised.iter().position(|h| h == name) {
                    index.entry(field).or_insert(i);
                }
            }
            if layout == Layout::BukuInduk
                && [
                    Field::Nama,
                    Field::Nik,
                    Field::JenisKelamin,
                    Field::TanggalLahir,
                ]
                .iter()
                .all(|f| index.contains_key(f))
            {
                return Ok(buku_induk(rows, at, headers, index));
            }
            let defaults = layout.defaults();
            let missing: Vec<&'static str> = COLUMNS
                .iter()
                .filter(|(f, required, _)| {
                    *required && !index.contains_key(f) && !defaults.iter().any(|(d, _)| d == f)
                })
                .map(|(f, _, _)| {
                    layout
                        .columns()
                        .iter()
                        .find(|(_, c)| c == f)
                        .map_or(f.name(), |(h, _)| h)
                })
                .collect();
            if missing.is_empty() {
                return Ok(Table {
                    layout,
                    header_row: *number,
                    headers,
                    rows: data_rows(layout, &rows[at + 1..]),
                    index,
                });
            }
            if closest.as_ref().is_none_or(|c| index.len() > c.0) {
                closest = Some((index.len(), *number, layout, missing));
            }
        }
    }
    let (_, row, layout, missing) =
        closest.unwrap_or((0, 1, Layout::Sid, vec![Field::NoKk.name()]));
    Err((row, layout, missing))
}

/// The rows below the header; OpenSID's sheet ends at its green notes ("###").
fn data_rows(layout: Layout, rows: &[(usize, Vec<Cell>)]) -> Vec<(usize, Vec<Cell>)> {
    rows.iter()
        .take_while(|(_, cells)| {
            layout != Layout::Opensid || !cells.iter().any(|c| text(c).starts_with("###"))
        })
        .cloned()
        .collect()
}

/// Titles over two rows: the lower one qualifies the upper, which spans the cells to its right
/// that are empty above ("Tempat dan Tanggal Lahir" over "Tempat Lahir" and "Tgl/Bln/Th").
fn two_row_titles(upper: &[Cell], lower: &[Cell]) -> Vec<String> {
    let mut span = String::new();
    (0..upper.len().max(lower.len()))
        .map(|i| {
            let top = upper.get(i).map(text).unwrap_or_default();
            let bottom = lower.get(i).map(text).unwrap_or_default();
            if !top.is_empty() {
                span = top.clone();
            }
            let top = if top.is_empty() && !bottom.is_empty() {
                span.clone()
            } else {
                top
            };
            format!("{top} {bottom}").trim().to_string()
        })
        .collect()
}

/// The Buku Induk's blocks: a line "No. KK : …" with "Alamat : …, Nama Dusun : …, RT/RW :
/// 003/001" heads the members of each card; its values become five more columns of them.
fn buku_induk(
    rows: &[(usize, Vec<Cell>)],
    at: usize,
    mut headers: Vec<String>,
    mut index: HashMap<Field, usize>,
) -> Table {
    let width = headers.len();
    for (name, field) in [
        (BLOCK_NO_KK, Field::NoKk),
        (BLOCK_ALAMAT, Field::Alamat),
        (BLOCK_DUSUN, Field::Dusun),
        (BLOCK_RW, Field::Rw),
        (BLOCK_RT, Field::Rt),
    ] {
        index.insert(field, headers.len());
        headers.push(name.to_string());
    }
    let mut block: Vec<Cell> = vec![Cell::Empty; 5];
    let mut data = Vec::new();
    for (number, cells) in rows.iter().skip(at + 2) {
        let first = cells.first().map(text).unwrap_or_default();
        if let Some(kk) = first.strip_prefix("No. KK") {
            let rest: String = cells[1..].iter().map(text).collect::<Vec<_>>().join(" ");
            block = block_values(kk, &rest);
        } else if first.parse::<f64>().is_ok_and(|n| n > 0.0) {
            let mut line: Vec<Cell> = cells.clone();
            line.resize(width, Cell::Empty);
            line.extend(block.iter().cloned());
            data.push((*number, line));
        }
    }
    Table {
        layout: Layout::BukuInduk,
        header_row: rows[at].0,
        headers,
        rows: data,
        index,
    }
}

/// "Alamat : AIK DAREQ, Nama Dusun : -, RT/RW : 003/001" after "No. KK : 5202…".
fn block_values(kk: &str, rest: &str) -> Vec<Cell> {
    let value = |label: &str| -> String {
        rest.split(',')
            .find_map(|part| {
                let (name, value) = part.split_once(':')?;
                (normalise(name) == label).then(|| value.trim().to_string())
            })
            .unwrap_or_default()
    };
    let cell = |s: String| {
        if s.is_empty() || s == "-" {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    };
    let (rt, rw) = value("rt_rw")
        .split_once('/')
        .map(|(rt, rw)| (rt.trim().to_string(), rw.trim().to_string()))
        .unwrap_or_default();
    vec![
        cell(kk.trim_start_matches([' ', ':']).trim().to_string()),
        cell(value("alamat")),
        cell(value("nama_dusun")),
        cell(rw),
        cell(rt),
    ]
}

/// SIAK has no dusun column: its address names the dusun in the spellings operators typed
/// ("Dsn JIWET", "DS. JIWET", "DUSUN JIWET", "JIWET").
pub fn dusun_in_address(address: &str) -> String {
    let upper = address.trim().to_uppercase();
    let rest = ["DUSUN", "DSN", "DS"]
        .iter()
        .find_map(|p| upper.strip_prefix(p).filter(|r| r.starts_with([' ', '.'])))
        .unwrap_or(&upper);
    rest.trim_start_matches([' ', '.']).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_compared_loosely() {
        assert_eq!(normalise("Gol. Darah"), "gol_darah");
        assert_eq!(normalise("Desa/Kel"), "desa_kel");
        assert_eq!(normalise("\u{feff}No_KK "), "no_kk");
    }

    #[test]
    fn dusun_from_siak_addresses() {
        for a in ["Dsn JIWET", "DS. JIWET", "DS JIWET", "DUSUN JIWET", "jiwet"] {
            assert_eq!(dusun_in_address(a), "JIWET", "{a}");
        }
        assert_eq!(dusun_in_address("DSNJIWET"), "DSNJIWET");
    }

    #[test]
    fn block_line_of_the_buku_induk() {
        let cells = block_values(
            " : 5202030102110013 \u{a0}",
            "Alamat : MERTAK PAOK, Nama Dusun : MERTAK PAOK, RT/RW : 005/-",
        );
        assert_eq!(
            cells,
            vec![
                Cell::Text("5202030102110013".into()),
                Cell::Text("MERTAK PAOK".into()),
                Cell::Text("MERTAK PAOK".into()),
                Cell::Empty,
                Cell::Text("005".into()),
            ]
        );
    }
}
