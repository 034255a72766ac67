//! A file as rows of cells, whatever it came as: CSV (comma or semicolon, with or without a
//! UTF-8 byte-order mark) or XLSX (the first sheet).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use sid_core::spreadsheet;
use sid_core::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number as the spreadsheet stored it (NIKs stored as numbers lose digits).
    Number(f64),
    /// A cell formatted as a date, as an Excel serial number.
    Date(f64),
    Empty,
}

pub struct Sheet {
    pub headers: Vec<String>,
    /// (row number in the file, the header being row 1; cells)
    pub rows: Vec<(usize, Vec<Cell>)>,
}

const ZIP: &[u8] = b"PK\x03\x04";

pub fn read(bytes: &[u8]) -> Result<Sheet> {
    if bytes.starts_with(ZIP) {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

fn read_csv(bytes: &[u8]) -> Result<Sheet> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Error::UnsupportedMediaType(
            "Berkas bukan CSV UTF-8 atau XLSX. Di Excel, simpan sebagai \"CSV UTF-8\" atau .xlsx."
                .into(),
        )
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    // Excel in an Indonesian locale writes `;`-separated CSV.
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::BadRequest(format!("Baris judul CSV tidak terbaca: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| Error::BadRequest(format!("CSV rusak di baris {}: {e}", i + 2)))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((
            i + 2,
            // Our exports put an apostrophe before a cell a spreadsheet would run.
            record
                .iter()
                .map(|c| Cell::Text(spreadsheet::from_text(c).to_string()))
                .collect(),
        ));
    }
    Ok(Sheet { headers, rows })
}

fn read_xlsx(bytes: &[u8]) -> Result<Sheet> {
    let unreadable =
        |e: calamine::XlsxError| Error::BadRequest(format!("Berkas XLSX tidak terbaca: {e}"));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| Error::BadRequest("Berkas XLSX tidak memiliki lembar kerja.".into()))?
        .map_err(unreadable)?;
    let mut lines = range.rows();
    let headers = lines
        .next()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate() {
        let cells: Vec<Cell> = line
            .iter()
            .map(|c| match c {
                Data::Empty => Cell::Empty,
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    Cell::Text(s.clone())
                }
                Data::Int(n) => Cell::Number(*n as f64),
                Data::Float(f) => Cell::Number(*f),
                Data::DateTime(d) => Cell::Date(d.as_f64()),
                Data::Bool(b) => Cell::Text(b.to_string()),
                Data::Error(e) => Cell::Text(format!("#{e:?}")),
            })
            .collect();
        if cells
            .iter()
            .all(|c| matches!(c, Cell::Empty) || matches!(c, Cell::Text(t) if t.trim().is_empty()))
        {
            continue;
        }
        rows.push((range.start().map_or(0, |(r, _)| r as usize) + i + 2, cells));
    }
    Ok(Sheet { headers, rows })
}
