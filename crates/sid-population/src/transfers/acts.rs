//! The acts of a transfer: asking, and the answer that completes or ends it. Each runs in the
//! one transaction of the request and writes both desa's rows; an acceptance moves the record
//! with its history and writes the move to both Buku Mutasi.

use serde_json::json;
use sid_core::db::{switch_tenant, DbConn, Write};
use sid_core::{ids, Desa, Error, Result, TenantId};

use super::status::{self, Direction, Status};
use super::store::{self, Decision, Transfer};
use crate::codes::status as resident_status;
use crate::events::acts::{book, leave, may_move_away, subject};
use crate::events::input::{dates, MoveOut};
use crate::events::store::{self as events, NewEvent};
use crate::residents::{store as residents, NewResident, Resident};

/// Refuses any other event for a person whom another desa has been asked to take in.
pub fn open_transfer_blocks(conn: &mut DbConn, tenant: &TenantId, r: &Resident) -> Result<()> {
    match store::open_for(conn, tenant, &r.id)? {
        None => Ok(()),
        Some(_) => Err(Error::Conflict(format!(
            "{} sedang menunggu jawaban permohonan pindah ke desa lain; batalkan permohonan itu dulu.",
            r.name
        ))),
    }
}

/// Asks desa `to` to take the resident in. Nothing about the person changes yet.
pub fn request(w: &mut Write, m: MoveOut, here: &Desa, to: &Desa) -> Result<Transfer> {
    let (date, reported) = dates(m.date, m.reported_on, w.today())?;
    let r = subject(w, &m.resident_id, date)?;
    may_move_away(w, &r)?;
    let outgoing = Transfer {
        id: ids::new_id(),
        direction: Direction::Keluar,
        other_desa_id: to.tenant.as_str().to_string(),
        resident_id: Some(r.id.clone()),
        nik: r.nik.clone(),
        name: r.name.clone(),
        sex: r.sex,
        birth_date: r.birth_date,
        move_date: date,
        reported_on: reported,
        destination: m.destination.0,
        reason: m.reason.0,
        status: Status::Menunggu,
        requested_by: w.actor.username.clone(),
        requested_at: w.now,
        decided_by: None,
        decided_at: None,
        refusal: None,
    };
    store::insert(w.conn, w.tenant, &outgoing)?;
    w.audit(
        "transfer.requested",
        &r.id,
        &format!("pindah ke Desa {} ({})", to.name, to.code),
    )?;
    let incoming = Transfer {
        direction: Direction::Masuk,
        other_desa_id: w.tenant.as_str().to_string(),
        resident_id: None,
        ..outgoing.clone()
    };
    switch_tenant(w.conn, &to.tenant)?;
    store::insert(w.conn, &to.tenant, &incoming)?;
    w.within(&to.tenant).audit(
        "transfer.received",
        &incoming.id,
        &format!(
            "permohonan pindah masuk dari Desa {} ({})",
            here.name, here.code
        ),
    )?;
    switch_tenant(w.conn, w.tenant)?;
    Ok(outgoing)
}

/// Answers a transfer from this desa's side: accept or refuse (the destination), cancel (the
/// origin). `registry` holds every desa, the other side among them.
pub fn answer(
    w: &mut Write,
    id: &str,
    to: Status,
    reason: Option<String>,
    here: &Desa,
    registry: &[Desa],
) -> Result<Transfer> {
    let mine = store::require(w.conn, w.tenant, id)?;
    let other = other_side(registry, &mine)?;
    status::check(mine.status, to, mine.direction, reason.as_deref())?;
    let (origin, destination) = match mine.direction {
        Direction::Keluar => (here, other),
        Direction::Masuk => (other, here),
    };
    let refusal = reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let actor = format!("{} (Desa {})", w.actor.username, here.name);
    let decision = Decision {
        to,
        by: &actor,
        at: w.now,
        refusal: if to == Status::Ditolak { refusal } else { None },
        resident_id: None,
    };
    // The origin's row first, whoever answers: two answers racing wait on the same row, and
    // the second finds it answered.
    switch_tenant(w.conn, &origin.tenant)?;
    store::decide(w.conn, &origin.tenant, id, &decision)?;
    let sent = store::require(w.conn, &origin.tenant, id)?;
    let person = sent.resident_id.clone().unwrap_or_default();
    let action = format!("transfer.{}", to.as_str());
    let note = match decision.refusal {
        Some(r) => format!("{}: {r}", to.label()),
        None => to.label().to_string(),
    };
    w.within(&origin.tenant).audit(&action, &person, &note)?;
    let arrived = match to {
        Status::Diterima => Some(arrive(w, &sent, origin, destination)?),
        _ => None,
    };
    switch_tenant(w.conn, &destination.tenant)?;
    store::decide(
        w.conn,
        &destination.tenant,
        id,
        &Decision {
            resident_id: arrived.as_deref(),
            ..decision
        },
    )?;
    w.within(&destination.tenant)
        .audit(&action, arrived.as_deref().unwrap_or(id), &note)?;
    switch_tenant(w.conn, w.tenant)?;
    store::require(w.conn, w.tenant, id)
}

/// The desa on the other side of a transfer.
pub fn other_side<'a>(registry: &'a [Desa], t: &Transfer) -> Result<&'a Desa> {
    registry
        .iter()
        .find(|d| d.tenant.as_str() == t.other_desa_id)
        .ok_or_else(|| Error::Internal(format!("desa {} tidak ada di registri", t.other_desa_id)))
}

/// The move itself, once the destination accepts: the person leaves the origin (status pindah,
/// NIK released, Buku Mutasi) and arrives in the destination with their history. Returns the
/// new record's id. `t` is the origin's row; the connection is on the origin's rows.
fn arrive(w: &mut Write, t: &Transfer, origin: &Desa, destination: &Desa) -> Result<String> {
    let resident_id = t.resident_id.as_deref().unwrap_or_default();
    let mut at_origin = w.within(&origin.tenant);
    let r = residents::require(at_origin.conn, &origin.tenant, resident_id)?;
    if r.status != resident_status::HIDUP {
        return Err(Error::Conflict(format!(
            "{} tidak lagi berstatus hidup di desa asal; permohonan pindah tidak dapat diterima.",
            r.name
        )));
    }
    let history = events::history(at_origin.conn, &origin.tenant, &r.id)?;
    let r = leave(&mut at_origin, r, resident_status::PINDAH, t.move_date)?;
    book(
        &mut at_origin,
        &r,
        "move_out",
        t.move_date,
        t.reported_on,
        json!({
            "destination": t.destination, "reason": t.reason,
            "to_desa": destination.code, "transfer_id": t.id,
        }),
    )?;
    switch_tenant(w.conn, &destination.tenant)?;
    let arrived = residents::insert(w.conn, &destination.tenant, &arriving(&r, t)?, w.now)?;
    for past in &history {
        events::record(
            w.conn,
            &destination.tenant,
            &NewEvent {
                resident_id: &arrived.id,
                kind: &past.kind,
                event_date: past.event_date,
                reported_on: past.reported_on,
                detail: json!({"carried_from": origin.code, "original": past.detail}).to_string(),
                recorded_by: &past.recorded_by,
            },
            w.now,
        )?;
    }
    book(
        &mut w.within(&destination.tenant),
        &arrived,
        "move_in",
        t.move_date,
        t.reported_on,
        json!({
            "origin": format!("Desa {}, Kecamatan {}", origin.name, origin.kecamatan.name),
            "from_desa": origin.code, "transfer_id": t.id,
        }),
    )?;
    Ok(arrived.id)
}

/// The person as they arrive: their record as the origin held it, without its family and RT,
/// which the destination gives when it places the newcomer.
fn arriving(r: &Resident, t: &Transfer) -> Result<NewResident> {
    Ok(NewResident {
        nik: crate::nik::Nik::parse(&r.nik).map_err(Error::Internal)?,
        name: r.name.clone(),
        sex: crate::nik::Sex::try_from(r.sex).map_err(Error::Internal)?,
        birth_place: r.birth_place.clone(),
        birth_date: r.birth_date,
        religion: r.religion,
        education: r.education,
        occupation: r.occupation,
        marital_status: r.marital_status,
        shdk: r.shdk,
        citizenship: r.citizenship,
        blood_type: r.blood_type,
        disability: r.disability,
        ktp_status: r.ktp_status,
        chronic_illness: r.chronic_illness,
        kb_method: r.kb_method,
        health_insurance: r.health_insurance,
        father_name: r.father_name.clone(),
        mother_name: r.mother_name.clone(),
        father_nik: r.father_nik.clone(),
        mother_nik: r.mother_nik.clone(),
        family_id: None,
        area_id: None,
        address: Some(t.destination.clone()),
        phone: r.phone.clone(),
        email: r.email.clone(),
        birth_cert_no: r.birth_cert_no.clone(),
    })
}
