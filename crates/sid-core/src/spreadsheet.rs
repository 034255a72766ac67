//! CSV files as every export writes them. A cell that a spreadsheet would run as a formula
//! (`=`, `+`, `-`, `@`, a tab or a carriage return first) is written behind an apostrophe, which
//! spreadsheets take as "text" and do not show; the import takes it off again, so an export
//! still imports. (XLSX exports write every cell as a string cell, which is never run.)

use std::borrow::Cow;

use crate::{Error, Result};

const RUNS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as a spreadsheet must show it: as text, never as a formula.
pub fn as_text(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(RUNS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell read back from a file: the apostrophe that `as_text` added is taken off.
pub fn from_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(RUNS) => rest,
        _ => cell,
    }
}

/// A CSV file being written, a row at a time.
pub struct CsvFile(csv::Writer<Vec<u8>>);

impl CsvFile {
    /// A file with its header row.
    pub fn new<I, S>(header: I) -> Result<CsvFile>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut file = CsvFile(csv::Writer::from_writer(Vec::new()));
        file.row(header)?;
        Ok(file)
    }

    pub fn row<I, S>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.0
            .write_record(cells.into_iter().map(|c| as_text(c.as_ref()).into_owned()))
            .map_err(Error::internal)
    }

    pub fn into_bytes(self) -> Result<Vec<u8>> {
        self.0.into_inner().map_err(Error::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_come_back() {
        for cell in ["=1+1", "+62812", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(as_text(cell), format!("'{cell}"));
            assert_eq!(from_text(&as_text(cell)), cell);
        }
        for cell in ["Ahmad", "3604051203150007", "'kutip", ""] {
            assert_eq!(as_text(cell), cell);
            assert_eq!(from_text(cell), cell);
        }
    }
}
