//! The acts of a population event: what a birth, death, move or disappearance does to the
//! records of the desa, each in the one transaction of the request and written to the Buku
//! Mutasi.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use sid_core::db::{DbConn, Write};
use sid_core::{Error, Result};

use super::input::{dates, Birth, Death, EventInput, Missing, MoveIn, MoveOut};
use super::store::{self, NewEvent};
use crate::codes::status;
use crate::families::store as families;
use crate::residents::placement::register;
use crate::residents::{store as residents, NewResident, Resident};

/// What an event did: the book line, and the resident as they now are.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Recorded {
    pub event_id: String,
    pub resident: Resident,
}

/// Does what the event says.
pub fn perform(w: &mut Write, input: EventInput) -> Result<Recorded> {
    match input {
        EventInput::Birth(b) => birth(w, b),
        EventInput::Death(d) => death(w, d),
        EventInput::MoveOut(m) => move_out(w, m),
        EventInput::MoveIn(m) => move_in(w, *m),
        EventInput::Missing(m) => missing(w, m),
    }
}

/// Writes the event to the desa's Buku Mutasi and the act to its audit log.
pub(crate) fn book(
    w: &mut Write,
    r: &Resident,
    kind: &str,
    date: NaiveDate,
    reported: NaiveDate,
    detail: serde_json::Value,
) -> Result<String> {
    let id = store::record(
        w.conn,
        w.tenant,
        &NewEvent {
            resident_id: &r.id,
            kind,
            event_date: date,
            reported_on: reported,
            detail: detail.to_string(),
            recorded_by: &w.actor.username,
        },
        w.now,
    )?;
    w.audit(&format!("event.{kind}"), &r.id, &r.name)?;
    Ok(id)
}

/// A living resident of this desa, not waiting for another desa to take them in, on or after
/// whose birth the event happened.
pub(crate) fn subject(w: &mut Write, id: &str, date: NaiveDate) -> Result<Resident> {
    let r = residents::require(w.conn, w.tenant, id)?;
    if r.status != status::HIDUP {
        return Err(Error::Conflict(format!(
            "{} tidak berstatus hidup di desa ini.",
            r.name
        )));
    }
    crate::transfers::open_transfer_blocks(w.conn, w.tenant, &r)?;
    if date < r.birth_date {
        return Err(Error::invalid(
            "date",
            "tanggal peristiwa sebelum tanggal lahir",
        ));
    }
    Ok(r)
}

/// Whether the resident may move away: the head of others must hand the card over first (a
/// dead or missing head stays on it until staff name a new one).
pub(crate) fn may_move_away(w: &mut Write, r: &Resident) -> Result<()> {
    let Some(family_id) = &r.family_id else {
        return Ok(());
    };
    let family = families::find(w.conn, w.tenant, family_id)?;
    let head = family.as_ref().and_then(|f| f.head_id.as_deref()) == Some(r.id.as_str());
    let others = residents::members_of(w.conn, w.tenant, family_id)?
        .into_iter()
        .any(|m| m.id != r.id && m.status == status::HIDUP);
    if head && others {
        return Err(Error::invalid(
            "resident_id",
            "kepala keluarga yang pindah harus diganti dulu (atau pindahkan anggota lain lebih dulu)",
        ));
    }
    Ok(())
}

/// Ends a resident's active life in this desa: new status, NIK released, card closed if empty.
pub(crate) fn leave(
    w: &mut Write,
    mut r: Resident,
    new_status: i32,
    date: NaiveDate,
) -> Result<Resident> {
    if new_status == status::PINDAH {
        may_move_away(w, &r)?;
    }
    r.status = new_status;
    r.status_changed_on = Some(date);
    residents::save(w.conn, w.tenant, &r, w.now)?;
    residents::release_nik(w.conn, w.tenant, &r.nik)?;
    // A villager account belongs to a living resident of the desa: it ends here.
    sid_core::auth::close_warga(w.conn, &r.id, w.now)?;
    if let Some(family_id) = &r.family_id {
        families::close_if_empty(w.conn, w.tenant, family_id, w.now)?;
    }
    Ok(r)
}

fn birth(w: &mut Write, b: Birth) -> Result<Recorded> {
    let c = b.child;
    let (date, reported) = dates(c.birth_date, b.reported_on, w.today())
        .map_err(|e| rename(e, "date", "child.birth_date"))?;
    let family = families::require(w.conn, w.tenant, &b.family_id, "family_id")?;
    let tenant = w.tenant;
    let parent = |conn: &mut DbConn,
                  id: &Option<String>,
                  field: &str,
                  sex: i32|
     -> Result<Option<Resident>> {
        match id {
            None => Ok(None),
            Some(id) => {
                let p = residents::get(conn, tenant, id)?
                    .ok_or_else(|| Error::invalid(field, "penduduk tidak ada di desa ini"))?;
                if p.sex != sex {
                    return Err(Error::invalid(field, "jenis kelamin tidak sesuai"));
                }
                if p.birth_date >= date {
                    return Err(Error::invalid(field, "lahir setelah anak"));
                }
                Ok(Some(p))
            }
        }
    };
    let mother = parent(w.conn, &b.mother_id, "mother_id", 2)?;
    let father = parent(w.conn, &b.father_id, "father_id", 1)?;
    let shdk = c.shdk.map_or(4, |s| s.code());
    if shdk == crate::codes::KEPALA_KELUARGA {
        return Err(Error::invalid(
            "child.shdk",
            "bayi tidak dapat menjadi kepala keluarga",
        ));
    }
    crate::residents::input::check_identity(&c.nik, date, c.sex).map_err(|e| {
        rename(
            rename(e, "nik", "child.nik"),
            "birth_date",
            "child.birth_date",
        )
    })?;
    let new = NewResident {
        nik: c.nik,
        name: c.name.0,
        sex: c.sex,
        birth_place: c.birth_place.0,
        birth_date: date,
        religion: c.religion.code(),
        // Tidak / belum sekolah; belum / tidak bekerja; belum kawin; WNI; golongan darah tidak tahu.
        education: 1,
        occupation: 1,
        marital_status: 1,
        shdk,
        citizenship: 1,
        blood_type: 13,
        disability: None,
        ktp_status: None,
        chronic_illness: None,
        kb_method: None,
        health_insurance: None,
        father_name: father.as_ref().map(|p| p.name.clone()),
        mother_name: mother.as_ref().map(|p| p.name.clone()),
        father_nik: father.as_ref().map(|p| p.nik.clone()),
        mother_nik: mother.as_ref().map(|p| p.nik.clone()),
        family_id: Some(family.id.clone()),
        area_id: family.area_id.clone(),
        address: Some(family.address.clone()),
        phone: None,
        email: None,
        birth_cert_no: c.birth_cert_no.and_then(|t| t.0),
    };
    let mut child = residents::insert(w.conn, w.tenant, &new, w.now)?;
    child.mother_id = mother.map(|p| p.id);
    child.father_id = father.map(|p| p.id);
    residents::save(w.conn, w.tenant, &child, w.now)?;
    let event_id = book(
        w,
        &child,
        "birth",
        date,
        reported,
        json!({
            "family_id": family.id, "no_kk": family.no_kk,
            "mother_id": child.mother_id, "father_id": child.father_id,
        }),
    )?;
    Ok(Recorded {
        event_id,
        resident: child,
    })
}

/// Field names inside a nested input.
fn rename(e: Error, from: &str, to: &str) -> Error {
    match e {
        Error::Invalid(errors) => Error::Invalid(
            errors
                .into_iter()
                .map(|mut f| {
                    if f.field == from {
                        f.field = to.to_string();
                    }
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

fn death(w: &mut Write, d: Death) -> Result<Recorded> {
    let (date, reported) = dates(d.date, d.reported_on, w.today())?;
    let r = subject(w, &d.resident_id, date)?;
    let r = leave(w, r, status::MATI, date)?;
    let event_id = book(
        w,
        &r,
        "death",
        date,
        reported,
        json!({"cause": d.cause.0, "place": d.place.0}),
    )?;
    Ok(Recorded {
        event_id,
        resident: r,
    })
}

fn missing(w: &mut Write, m: Missing) -> Result<Recorded> {
    let (date, reported) = dates(m.date, m.reported_on, w.today())?;
    let r = subject(w, &m.resident_id, date)?;
    let r = leave(w, r, status::HILANG, date)?;
    let note = m.note.and_then(|t| t.0);
    let event_id = book(w, &r, "missing", date, reported, json!({"note": note}))?;
    Ok(Recorded {
        event_id,
        resident: r,
    })
}

fn move_in(w: &mut Write, m: MoveIn) -> Result<Recorded> {
    let (date, reported) = dates(m.date, m.reported_on, w.today())?;
    let new = NewResident::try_from(m.resident).map_err(|e| prefix(e, "resident"))?;
    if date < new.birth_date {
        return Err(Error::invalid(
            "date",
            "tanggal peristiwa sebelum tanggal lahir",
        ));
    }
    let r = register(w, &new).map_err(|e| prefix(e, "resident"))?;
    let event_id = book(
        w,
        &r,
        "move_in",
        date,
        reported,
        json!({"origin": m.origin.0}),
    )?;
    Ok(Recorded {
        event_id,
        resident: r,
    })
}

fn prefix(e: Error, parent: &str) -> Error {
    match e {
        Error::Invalid(errors) => Error::Invalid(
            errors
                .into_iter()
                .map(|mut f| {
                    f.field = format!("{parent}.{}", f.field);
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

/// Moves a resident out of the regency (a move to another desa of it is a transfer, which
/// the destination desa accepts: see `transfers`).
fn move_out(w: &mut Write, m: MoveOut) -> Result<Recorded> {
    let (date, reported) = dates(m.date, m.reported_on, w.today())?;
    let r = subject(w, &m.resident_id, date)?;
    let r = leave(w, r, status::PINDAH, date)?;
    let detail = json!({"destination": m.destination.0, "reason": m.reason.0});
    let event_id = book(w, &r, "move_out", date, reported, detail)?;
    Ok(Recorded {
        event_id,
        resident: r,
    })
}
