//! Verification codes (regency-wide): a code printed on a letter names no desa, so the public
//! check finds the letter's desa here first.

use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::letter_codes;
use sid_core::{Result, TenantId};

pub fn register(conn: &mut DbConn, code: &str, tenant: &TenantId, letter_id: &str) -> Result<()> {
    diesel::insert_into(letter_codes::table)
        .values((
            letter_codes::code.eq(code),
            letter_codes::desa_id.eq(tenant.as_str()),
            letter_codes::letter_id.eq(letter_id),
        ))
        .execute(conn)?;
    Ok(())
}

/// The desa id and letter id a code belongs to.
pub fn find(conn: &mut DbConn, code: &str) -> Result<Option<(String, String)>> {
    Ok(letter_codes::table
        .find(code)
        .select((letter_codes::desa_id, letter_codes::letter_id))
        .first(conn)
        .optional()?)
}
