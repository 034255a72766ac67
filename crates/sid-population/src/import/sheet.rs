//! A file as rows of cells, whatever it came as: CSV (comma or semicolon, with or without a
//! UTF-8 byte-order mark) or XLSX (the first sheet).

use std::io::Cursor;

use std::io::Read;

use calamine::{DataRef, Reader, Xlsx};
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

/// What an XLSX may unpack to in all: a 25,000-resident desa's sheet is about 15 MiB of XML.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;
const MAX_ENTRIES: usize = 500;
/// Rows and columns a sheet may reach; cells past them (a stray mark at the far corner of the
/// grid) refuse the file rather than make a grid of billions of empty cells.
const MAX_ROWS: u32 = 200_000;
const MAX_COLUMNS: u32 = 256;

/// Unpacks every entry once into nothing, counting bytes, before calamine reads the book
/// (which keeps the shared strings in memory): a zip whose entries unpack to gigabytes, or
/// claim to, is refused after at most `MAX_UNPACKED` bytes of work. XML with a document type
/// (where entity bombs live) is refused too: Excel never writes one.
fn check_zip(bytes: &[u8]) -> Result<()> {
    let too_big = || {
        Error::PayloadTooLarge(format!(
            "Isi berkas XLSX melebihi {} MiB setelah dibuka: simpan ulang dari Excel, atau bagi \
             menjadi beberapa berkas.",
            MAX_UNPACKED / 1024 / 1024
        ))
    };
    let unreadable =
        |e: zip::result::ZipError| Error::BadRequest(format!("Berkas XLSX tidak terbaca: {e}"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if archive.len() > MAX_ENTRIES {
        return Err(too_big());
    }
    let mut left = MAX_UNPACKED;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(unreadable)?;
        if entry.size() > left {
            return Err(too_big());
        }
        let mut scan = DoctypeScan::default();
        let read = std::io::copy(&mut entry.take(left + 1), &mut scan)
            .map_err(|e| Error::BadRequest(format!("Berkas XLSX tidak terbaca: {e}")))?;
        if read > left {
            return Err(too_big());
        }
        if scan.found {
            return Err(Error::Unprocessable(
                "Berkas XLSX memuat deklarasi DOCTYPE, yang tidak pernah ditulis Excel: simpan \
                 ulang dari Excel atau LibreOffice."
                    .into(),
            ));
        }
        left -= read;
    }
    Ok(())
}

/// A sink that notes whether `<!DOCTYPE` passed through it, across chunk boundaries.
#[derive(Default)]
struct DoctypeScan {
    tail: Vec<u8>,
    found: bool,
}

const DOCTYPE: &[u8] = b"<!DOCTYPE";

impl std::io::Write for DoctypeScan {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.found {
            self.tail
                .extend_from_slice(&buf[..buf.len().min(DOCTYPE.len())]);
            self.found = self.tail.windows(DOCTYPE.len()).any(|w| w == DOCTYPE)
                || buf.windows(DOCTYPE.len()).any(|w| w == DOCTYPE);
            let keep = buf.len().saturating_sub(DOCTYPE.len() - 1);
            self.tail = buf[keep..].to_vec();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first sheet, read cell by cell (calamine's own range would allocate the whole grid
/// between the first and the last cell, whatever lies between).
fn read_xlsx(bytes: &[u8]) -> Result<Sheet> {
    check_zip(bytes)?;
    let unreadable =
        |e: calamine::XlsxError| Error::BadRequest(format!("Berkas XLSX tidak terbaca: {e}"));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Error::BadRequest("Berkas XLSX tidak memiliki lembar kerja.".into()))?;
    let mut reader = book.worksheet_cells_reader(&first).map_err(unreadable)?;
    let mut grid: std::collections::BTreeMap<u32, Vec<(u32, Cell)>> = Default::default();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(Error::PayloadTooLarge(format!(
                "Lembar kerja berisi sel sampai baris {} kolom {}; batasnya {MAX_ROWS} baris dan \
                 {MAX_COLUMNS} kolom. Hapus isi di luar tabel penduduk, lalu unggah lagi.",
                row + 1,
                column + 1
            )));
        }
        let value = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                Cell::Text(s.clone())
            }
            DataRef::SharedString(s) => Cell::Text(s.to_string()),
            DataRef::Int(n) => Cell::Number(*n as f64),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::DateTime(d) => Cell::Date(d.as_f64()),
            DataRef::Bool(b) => Cell::Text(b.to_string()),
            DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
        };
        grid.entry(row).or_default().push((column, value));
    }
    let first_column = grid
        .values()
        .flat_map(|cells| cells.iter().map(|(c, _)| *c))
        .min()
        .unwrap_or(0);
    let dense = |cells: Vec<(u32, Cell)>| {
        let width = cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
        let mut line = vec![Cell::Empty; width.saturating_sub(first_column) as usize];
        for (c, value) in cells {
            line[(c - first_column) as usize] = value;
        }
        line
    };
    let mut lines = grid.into_iter();
    let headers = lines
        .next()
        .map(|(_, cells)| {
            dense(cells)
                .into_iter()
                .map(|c| match c {
                    Cell::Text(t) => t,
                    Cell::Number(n) | Cell::Date(n) => n.to_string(),
                    Cell::Empty => String::new(),
                })
                .collect()
        })
        .unwrap_or_default();
    let rows = lines
        .map(|(row, cells)| (row as usize + 1, dense(cells)))
        .filter(|(_, cells)| {
            !cells.iter().all(|c| {
                matches!(c, Cell::Empty) || matches!(c, Cell::Text(t) if t.trim().is_empty())
            })
        })
        .collect();
    Ok(Sheet { headers, rows })
}
