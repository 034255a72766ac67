//! A file as rows of cells, whatever it came as: CSV (comma or semicolon, with or without a
//! UTF-8 byte-order mark), XLSX/XLSM or Excel 97 `.xls` (the first sheet). Where the header is
//! is for the layouts to find.

use std::io::Cursor;

use std::io::Read;

use calamine::{Data, DataRef, Reader, Xls, Xlsx};
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

/// The rows that hold anything: (row number in the file, the first being 1; cells).
pub type Sheet = Vec<(usize, Vec<Cell>)>;

const ZIP: &[u8] = b"PK\x03\x04";
/// The compound file of Excel 97 workbooks.
const CFB: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub fn read(bytes: &[u8]) -> Result<Sheet> {
    if bytes.starts_with(ZIP) {
        read_xlsx(bytes)
    } else if bytes.starts_with(CFB) {
        read_xls(bytes)
    } else {
        read_csv(bytes)
    }
}

fn cell_of(value: Data) -> Cell {
    match value {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Int(n) => Cell::Number(n as f64),
        Data::Float(f) => Cell::Number(f),
        Data::DateTime(d) => Cell::Date(d.as_f64()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

fn is_blank(cells: &[Cell]) -> bool {
    cells
        .iter()
        .all(|c| matches!(c, Cell::Empty) || matches!(c, Cell::Text(t) if t.trim().is_empty()))
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
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| Error::BadRequest(format!("CSV rusak di baris {}: {e}", i + 1)))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((
            i + 1,
            // Our exports put an apostrophe before a cell a spreadsheet would run.
            record
                .iter()
                .map(|c| Cell::Text(spreadsheet::from_text(c).to_string()))
                .collect(),
        ));
    }
    Ok(rows)
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
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let value = cell_of(Data::from(cell.get_value().clone()));
        grid.entry(row).or_default().push((column, value));
    }
    let first_column = grid
        .values()
        .flat_map(|cells| cells.iter().map(|(c, _)| *c))
        .min()
        .unwrap_or(0);
    Ok(grid
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
            let mut line = vec![Cell::Empty; width.saturating_sub(first_column) as usize];
            for (c, value) in cells {
                line[(c - first_column) as usize] = value;
            }
            (row as usize + 1, line)
        })
        .filter(|(_, cells)| !is_blank(cells))
        .collect())
}

/// Cells an Excel 97 workbook may span, all sheets together. calamine lays each sheet out as a
/// full grid from its first to its last cell: two cells at opposite corners would otherwise
/// cost half a gigabyte. A 25,000-resident SIAK export spans about a million.
const MAX_XLS_CELLS: u64 = 8_000_000;

/// The bounding box of each sheet's cells, read from the workbook stream's record headers
/// before calamine lays the sheets out.
fn check_xls(bytes: &[u8]) -> Result<()> {
    let unreadable =
        |e: std::io::Error| Error::BadRequest(format!("Berkas XLS tidak terbaca: {e}"));
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(unreadable)?;
    let stream = ["/Workbook", "/Book"]
        .into_iter()
        .find(|s| file.is_stream(s))
        .ok_or_else(|| Error::BadRequest("Berkas XLS tidak memiliki buku kerja.".into()))?;
    let mut book = Vec::new();
    file.open_stream(stream)
        .and_then(|mut s| s.read_to_end(&mut book))
        .map_err(unreadable)?;
    // Records: type (u16), length (u16), data. Cell records begin with row (u16), column (u16).
    const CELLS: [u16; 9] = [
        0x0006, 0x00BD, 0x00BE, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E,
    ];
    const BOF: u16 = 0x0809;
    let (mut total, mut at) = (0u64, 0usize);
    let mut bounds: Option<(u16, u16, u16, u16)> = None;
    let area = |b: Option<(u16, u16, u16, u16)>| {
        b.map_or(0, |(r0, r1, c0, c1)| {
            (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1)
        })
    };
    while at + 4 <= book.len() {
        let kind = u16::from_le_bytes([book[at], book[at + 1]]);
        let len = usize::from(u16::from_le_bytes([book[at + 2], book[at + 3]]));
        let data = &book[(at + 4).min(book.len())..(at + 4 + len).min(book.len())];
        if kind == BOF {
            total += area(bounds.take());
        } else if CELLS.contains(&kind) && data.len() >= 4 {
            let row = u16::from_le_bytes([data[0], data[1]]);
            let column = u16::from_le_bytes([data[2], data[3]]);
            let b = bounds.get_or_insert((row, row, column, column));
            *b = (b.0.min(row), b.1.max(row), b.2.min(column), b.3.max(column));
        }
        at += 4 + len;
    }
    total += area(bounds);
    if total > MAX_XLS_CELLS {
        return Err(Error::PayloadTooLarge(format!(
            "Lembar kerja XLS membentang {total} sel (batas {MAX_XLS_CELLS}): ada isi jauh di \
             luar tabel penduduk. Hapus isi di luar tabel, atau simpan sebagai .xlsx."
        )));
    }
    Ok(())
}

/// The first sheet of an Excel 97 workbook.
fn read_xls(bytes: &[u8]) -> Result<Sheet> {
    check_xls(bytes)?;
    let unreadable =
        |e: calamine::XlsError| Error::BadRequest(format!("Berkas XLS tidak terbaca: {e}"));
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(unreadable)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| Error::BadRequest("Berkas XLS tidak memiliki lembar kerja.".into()))?
        .map_err(unreadable)?;
    let (top, _) = range.start().unwrap_or((0, 0));
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let line: Vec<Cell> = cells.iter().cloned().map(cell_of).collect();
            (top as usize + i + 1, line)
        })
        .filter(|(_, cells)| !is_blank(cells))
        .collect())
}
