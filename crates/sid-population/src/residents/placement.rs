//! Where a resident sits: in a family of this desa (which has at most one head) and an RT of
//! this desa. Creating, correcting and moving in a resident all go through these rules.

use sid_core::db::{DbConn, Write};
use sid_core::{Error, Result, TenantId};

use super::store::{self, Resident};
use super::NewResident;
use crate::codes::KEPALA_KELUARGA;
use crate::families;

/// Places a new or corrected resident in a family and an RT of this desa; a family has one head.
pub fn check_placement(
    conn: &mut DbConn,
    tenant: &TenantId,
    family_id: Option<&str>,
    area_id: Option<&str>,
    shdk: i32,
    resident_id: Option<&str>,
) -> Result<()> {
    if let Some(id) = family_id {
        let family = families::store::require(conn, tenant, id, "family_id")?;
        if shdk == KEPALA_KELUARGA
            && family.head_id.is_some()
            && family.head_id.as_deref() != resident_id
        {
            return Err(Error::invalid(
                "shdk",
                "keluarga ini sudah punya kepala keluarga; ganti kepala lewat halaman keluarga",
            ));
        }
    }
    if let Some(id) = area_id {
        crate::areas::require(conn, tenant, id, "area_id")?;
    }
    Ok(())
}

/// A new resident entered as head of a family becomes that card's head.
pub fn place_head(
    conn: &mut DbConn,
    tenant: &TenantId,
    r: &Resident,
    now: chrono::NaiveDateTime,
) -> Result<()> {
    if r.shdk == KEPALA_KELUARGA && r.family_id.is_some() {
        families::store::place(conn, tenant, r.family_id.as_deref(), &r.id, r.shdk, now)?;
    }
    Ok(())
}

/// Registers a new resident where the record places them: in a family and an RT of this desa,
/// as the card's head when their SHDK says so.
pub fn register(w: &mut Write, new: &NewResident) -> Result<Resident> {
    check_placement(
        w.conn,
        w.tenant,
        new.family_id.as_deref(),
        new.area_id.as_deref(),
        new.shdk,
        None,
    )?;
    let r = store::insert(w.conn, w.tenant, new, w.now)?;
    place_head(w.conn, w.tenant, &r, w.now)?;
    Ok(r)
}
