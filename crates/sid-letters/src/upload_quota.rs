//! How much a request's documents may keep in the file store: per uploader (a villager's
//! account adds bytes from outside the office) and per desa (326 desa share one store, so one
//! desa's uploads must not fill it for the others). Counted from the rows, in the transaction
//! that adds the document.

use diesel::dsl::sum;
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::letter_documents;
use sid_core::{Error, Result, TenantId};

const MIB: i64 = 1024 * 1024;
/// Ten full-size scans: more than any letter asks for.
pub const PER_UPLOADER: i64 = 20 * MIB;
pub const PER_DESA: i64 = 2048 * MIB;

/// Refuses `adding` bytes when the uploader or the desa would keep more than allowed.
pub fn check(conn: &mut DbConn, tenant: &TenantId, uploader: &str, adding: i64) -> Result<()> {
    let of_desa = letter_documents::table.filter(letter_documents::desa_id.eq(tenant.as_str()));
    let uploader_keeps: Option<i64> = of_desa
        .filter(letter_documents::uploaded_by.eq(uploader))
        .select(sum(letter_documents::size))
        .first(conn)?;
    if uploader_keeps.unwrap_or(0) + adding > PER_UPLOADER {
        return Err(Error::PayloadTooLarge(format!(
            "Kuota berkas akun ini ({} MiB) sudah terpakai. Minta petugas desa memeriksa berkas \
             yang sudah diunggah.",
            PER_UPLOADER / MIB
        )));
    }
    let desa_keeps: Option<i64> = of_desa.select(sum(letter_documents::size)).first(conn)?;
    if desa_keeps.unwrap_or(0) + adding > PER_DESA {
        return Err(Error::PayloadTooLarge(format!(
            "Kuota berkas desa ini ({} GiB) sudah terpakai. Hubungi Diskominfo.",
            PER_DESA / MIB / 1024
        )));
    }
    Ok(())
}
