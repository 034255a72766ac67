//! Letter numbers: a per-desa format, and a sequence per letter type per year (or one for all
//! types) advanced inside the signing transaction, so numbers are unique and without gaps:
//! a rolled-back signing gives its number back.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use sid_core::db::DbConn;
use sid_core::{Error, Result, TenantId};

pub const DEFAULT_FORMAT: &str = "[kode_surat]/[nomor]/[kode_desa]/[bulan_romawi]/[tahun]";
const PARTS: [&str; 5] = ["kode_surat", "nomor", "kode_desa", "bulan_romawi", "tahun"];

/// A number format: only known parts, and `[nomor]` among them.
pub fn check_format(format: &str) -> Result<String> {
    let format = format.trim();
    if !format.contains("[nomor]") {
        return Err(Error::invalid("number_format", "wajib memuat [nomor]"));
    }
    if format.chars().count() > 120 {
        return Err(Error::invalid("number_format", "maksimal 120 karakter"));
    }
    let mut rest = format;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after
            .find(']')
            .ok_or_else(|| Error::invalid("number_format", "kurung [ tanpa penutup ]"))?;
        if !PARTS.contains(&&after[..close]) {
            return Err(Error::invalid(
                "number_format",
                format!(
                    "bagian tidak dikenal: [{}]; yang tersedia: [kode_surat] [nomor] [kode_desa] [bulan_romawi] [tahun]",
                    &after[..close]
                ),
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(format.to_string())
}

const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

pub struct NumberParts<'a> {
    pub classification: &'a str,
    pub sequence: i32,
    pub desa_code: &'a str,
    pub month: u32,
    pub year: i32,
}

pub fn format_number(format: &str, p: &NumberParts) -> String {
    format
        .replace("[kode_surat]", p.classification)
        .replace("[nomor]", &format!("{:03}", p.sequence))
        .replace("[kode_desa]", p.desa_code)
        .replace("[bulan_romawi]", ROMAN[(p.month as usize).clamp(1, 12) - 1])
        .replace("[tahun]", &p.year.to_string())
}

#[derive(QueryableByName)]
struct Next {
    #[diesel(sql_type = Integer)]
    last_no: i32,
}

/// The next number of the sequence, taken inside the caller's transaction. The upsert locks
/// the sequence's row (PostgreSQL) or runs under the write lock (SQLite) until commit, so two
/// signings never take the same number, and a rollback returns it.
pub fn next(conn: &mut DbConn, tenant: &TenantId, scope: &str, year: i32) -> Result<i32> {
    let query = diesel::sql_query(
        "INSERT INTO letter_sequences (desa_id, scope, year, last_no) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (desa_id, scope, year) DO UPDATE SET last_no = letter_sequences.last_no + 1 \
         RETURNING last_no",
    )
    .bind::<Text, _>(tenant.as_str())
    .bind::<Text, _>(scope)
    .bind::<Integer, _>(year);
    let row: Next = sid_core::on_backend!(conn, |c| query.get_result(c))?;
    Ok(row.last_no)
}
