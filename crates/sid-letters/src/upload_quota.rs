//! How much scans may keep in the file store: a request's documents per uploader (a villager's
//! account adds bytes from outside the office), and all of a desa's scans, with those of its
//! letter register (326 desa share one store, so one desa's uploads must not fill it for the
//! others). Counted from the rows, in the transaction that adds the scan.

use diesel::dsl::sum;
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::{letter_documents, letter_register};
use sid_core::{Error, Result, TenantId};

const MIB: i64 = 1024 * 1024;
/// Ten full-size scans: more than any letter asks for.
pub const PER_UPLOADER: i64 = 20 * MIB;
pub const PER_DESA: i64 = 2048 * MIB;

/// Refuses `adding` bytes when the uploader of a request's document (`None` for the register's
/// scans) or the desa would keep more than allowed.
pub fn check(
    conn: &mut DbConn,
    tenant: &TenantId,
    uploader: Option<&str>,
    adding: i64,
) -> Result<()> {
    let of_desa = letter_documents::table.filter(letter_documents::desa_id.eq(tenant.as_str()));
    let uploader_keeps: Option<i64> = match uploader {
        Some(u) => of_desa
            .filter(letter_documents::uploaded_by.eq(u))
            .select(sum(letter_documents::size))
            .first(conn)?,
        None => None,
    };
    if uploader_keeps.unwrap_or(0) + adding > PER_UPLOADER {
        return Err(Error::PayloadTooLarge(format!(
            "Kuota berkas akun ini ({} MiB) sudah terpakai. Minta petugas desa memeriksa berkas \
             yang sudah diunggah.",
            PER_UPLOADER / MIB
        )));
    }
    let documents: Option<i64> = of_desa.select(sum(letter_documents::size)).first(conn)?;
    let register: Option<i64> = letter_register::table
        .filter(letter_register::desa_id.eq(tenant.as_str()))
        .select(sum(letter_register::scan_size))
        .first(conn)?;
    if documents.unwrap_or(0) + register.unwrap_or(0) + adding > PER_DESA {
        return Err(Error::PayloadTooLarge(format!(
            "Kuota berkas desa ini ({} GiB) sudah terpakai. Hubungi Diskominfo.",
            PER_DESA / MIB / 1024
        )));
    }
    Ok(())
}
