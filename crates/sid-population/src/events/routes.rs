use actix_web::{web, HttpResponse};
use chrono::{Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sid_core::auth::{Staff, User};
use sid_core::db::{switch_tenant, DbConn};
use sid_core::http::Json;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{audit, AppState, Desa, Error, Result, TenantId};
use utoipa::OpenApi;

use super::input::{dates, Birth, Child, Death, EventInput, Missing, MoveIn, MoveOut};
use super::store::{self, BookLine, Event, NewEvent};
use crate::codes::status;
use crate::families::store as families;
use crate::residents::{store as residents, NewResident, Resident};

#[derive(OpenApi)]
#[openapi(
    paths(record, book, history),
    components(schemas(
        EventInput, Birth, Child, Death, MoveOut, MoveIn, Missing, Recorded, Event, BookLine
    ))
)]
pub struct EventsDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/events", web::post().to(record))
        .route("/events", web::get().to(book))
        .route("/residents/{id}/events", web::get().to(history));
}

/// What an event did: the book line, and the resident as they now are.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Recorded {
    pub event_id: String,
    pub resident: Resident,
    /// For a move within the regency: the resident's new id in the destination desa.
    pub arrived_as: Option<String>,
}

/// Records a population event.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/events", tag = "penduduk",
    params(("desa" = String, Path)), request_body = EventInput,
    responses((status = 201, body = Recorded), (status = 400), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
pub async fn record(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<EventInput>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let today = sid_core::clock::today();
    // A move within the regency names its destination desa; resolve it before the transaction.
    let destination = match &input {
        EventInput::MoveOut(m) => match &m.to_desa {
            Some(key) => {
                let d = state.directory.resolve(key).ok_or_else(|| {
                    Error::invalid(
                        "to_desa",
                        format!("desa '{key}' tidak dikenal di Kabupaten Serang"),
                    )
                })?;
                if d.tenant == staff.desa.tenant {
                    return Err(Error::invalid(
                        "to_desa",
                        "desa tujuan sama dengan desa asal",
                    ));
                }
                Some(d)
            }
            None => None,
        },
        _ => None,
    };
    let origin = staff.desa.clone();
    let actor = staff.caller.user;
    let recorded = state
        .db
        .tenant(&staff.desa.tenant, move |conn, tenant| {
            let now = Utc::now().naive_utc();
            let cx = Context {
                tenant,
                actor: &actor,
                now,
                today,
            };
            match input {
                EventInput::Birth(b) => birth(conn, &cx, b),
                EventInput::Death(d) => death(conn, &cx, d),
                EventInput::MoveOut(m) => move_out(conn, &cx, m, &origin, destination.as_ref()),
                EventInput::MoveIn(m) => move_in(conn, &cx, m),
                EventInput::Missing(m) => missing(conn, &cx, m),
            }
        })
        .await?;
    Ok(HttpResponse::Created().json(recorded))
}

struct Context<'a> {
    tenant: &'a TenantId,
    actor: &'a User,
    now: chrono::NaiveDateTime,
    today: NaiveDate,
}

impl Context<'_> {
    fn book(
        &self,
        conn: &mut DbConn,
        r: &Resident,
        kind: &str,
        date: NaiveDate,
        reported: NaiveDate,
        detail: serde_json::Value,
    ) -> Result<String> {
        let id = store::record(
            conn,
            self.tenant,
            &NewEvent {
                resident_id: &r.id,
                kind,
                event_date: date,
                reported_on: reported,
                detail: detail.to_string(),
                recorded_by: &self.actor.username,
            },
            self.now,
        )?;
        audit::record(
            conn,
            self.tenant,
            self.actor,
            &format!("event.{kind}"),
            &r.id,
            &r.name,
        )?;
        Ok(id)
    }
}

/// A living resident of this desa on or after whose birth the event happened.
fn subject(conn: &mut DbConn, cx: &Context, id: &str, date: NaiveDate) -> Result<Resident> {
    let r = residents::require(conn, cx.tenant, id)?;
    if r.status != status::HIDUP {
        return Err(Error::Conflict(format!(
            "{} tidak berstatus hidup di desa ini.",
            r.name
        )));
    }
    if date < r.birth_date {
        return Err(Error::invalid(
            "date",
            "tanggal peristiwa sebelum tanggal lahir",
        ));
    }
    Ok(r)
}

/// Ends a resident's active life in this desa: new status, NIK released, card closed if empty.
fn leave(
    conn: &mut DbConn,
    cx: &Context,
    mut r: Resident,
    new_status: i32,
    date: NaiveDate,
) -> Result<Resident> {
    if let Some(family_id) = &r.family_id {
        let family = families::find(conn, cx.tenant, family_id)?;
        let head = family.as_ref().and_then(|f| f.head_id.as_deref()) == Some(r.id.as_str());
        let others = residents::members_of(conn, cx.tenant, family_id)?
            .into_iter()
            .any(|m| m.id != r.id && m.status == status::HIDUP);
        // A dead or missing head stays on the card until staff name a new one; one who
        // moves away must hand the card over first.
        if head && others && new_status == status::PINDAH {
            return Err(Error::invalid(
                "resident_id",
                "kepala keluarga yang pindah harus diganti dulu (atau pindahkan anggota lain lebih dulu)",
            ));
        }
    }
    r.status = new_status;
    r.status_changed_on = Some(date);
    residents::save(conn, cx.tenant, &r, cx.now)?;
    residents::release_nik(conn, cx.tenant, &r.nik)?;
    // A villager account belongs to a living resident of the desa: it ends here.
    sid_core::auth::close_warga(conn, &r.id, cx.now)?;
    if let Some(family_id) = &r.family_id {
        families::close_if_empty(conn, cx.tenant, family_id, cx.now)?;
    }
    Ok(r)
}

fn birth(conn: &mut DbConn, cx: &Context, b: Birth) -> Result<Recorded> {
    let c = b.child;
    let (date, reported) = dates(c.birth_date, b.reported_on, cx.today)
        .map_err(|e| rename(e, "date", "child.birth_date"))?;
    let family = families::require(conn, cx.tenant, &b.family_id, "family_id")?;
    let parent = |conn: &mut DbConn,
                  id: &Option<String>,
                  field: &str,
                  sex: i32|
     -> Result<Option<Resident>> {
        match id {
            None => Ok(None),
            Some(id) => {
                let p = residents::get(conn, cx.tenant, id)?
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
    let mother = parent(conn, &b.mother_id, "mother_id", 2)?;
    let father = parent(conn, &b.father_id, "father_id", 1)?;
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
    let mut child = residents::insert(conn, cx.tenant, &new, cx.now)?;
    child.mother_id = mother.map(|p| p.id);
    child.father_id = father.map(|p| p.id);
    residents::save(conn, cx.tenant, &child, cx.now)?;
    let event_id = cx.book(
        conn,
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
        arrived_as: None,
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

fn death(conn: &mut DbConn, cx: &Context, d: Death) -> Result<Recorded> {
    let (date, reported) = dates(d.date, d.reported_on, cx.today)?;
    let r = subject(conn, cx, &d.resident_id, date)?;
    let r = leave(conn, cx, r, status::MATI, date)?;
    let event_id = cx.book(
        conn,
        &r,
        "death",
        date,
        reported,
        json!({"cause": d.cause.0, "place": d.place.0}),
    )?;
    Ok(Recorded {
        event_id,
        resident: r,
        arrived_as: None,
    })
}

fn missing(conn: &mut DbConn, cx: &Context, m: Missing) -> Result<Recorded> {
    let (date, reported) = dates(m.date, m.reported_on, cx.today)?;
    let r = subject(conn, cx, &m.resident_id, date)?;
    let r = leave(conn, cx, r, status::HILANG, date)?;
    let note = m.note.and_then(|t| t.0);
    let event_id = cx.book(conn, &r, "missing", date, reported, json!({"note": note}))?;
    Ok(Recorded {
        event_id,
        resident: r,
        arrived_as: None,
    })
}

fn move_in(conn: &mut DbConn, cx: &Context, m: MoveIn) -> Result<Recorded> {
    let (date, reported) = dates(m.date, m.reported_on, cx.today)?;
    let new = NewResident::try_from(m.resident).map_err(|e| prefix(e, "resident"))?;
    if date < new.birth_date {
        return Err(Error::invalid(
            "date",
            "tanggal peristiwa sebelum tanggal lahir",
        ));
    }
    crate::residents::routes::check_placement(
        conn,
        cx.tenant,
        new.family_id.as_deref(),
        new.area_id.as_deref(),
        new.shdk,
        None,
    )
    .map_err(|e| prefix(e, "resident"))?;
    let r = residents::insert(conn, cx.tenant, &new, cx.now)?;
    crate::residents::routes::place_head(conn, cx.tenant, &r, cx.now)?;
    let event_id = cx.book(
        conn,
        &r,
        "move_in",
        date,
        reported,
        json!({"origin": m.origin.0}),
    )?;
    Ok(Recorded {
        event_id,
        resident: r,
        arrived_as: None,
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

/// Moves a resident out. Within the regency the record arrives in the destination desa in the
/// same transaction, with its history, and both desa's books show the move.
fn move_out(
    conn: &mut DbConn,
    cx: &Context,
    m: MoveOut,
    origin: &Desa,
    to: Option<&Desa>,
) -> Result<Recorded> {
    let (date, reported) = dates(m.date, m.reported_on, cx.today)?;
    let r = subject(conn, cx, &m.resident_id, date)?;
    let history = store::history(conn, cx.tenant, &r.id)?;
    let r = leave(conn, cx, r, status::PINDAH, date)?;
    let destination = m.destination.0;
    let detail = json!({
        "destination": &destination, "reason": m.reason.0,
        "to_desa": to.map(|d| &d.code),
    });
    let event_id = cx.book(conn, &r, "move_out", date, reported, detail)?;
    let Some(to) = to else {
        return Ok(Recorded {
            event_id,
            resident: r,
            arrived_as: None,
        });
    };
    // Now in the destination desa.
    switch_tenant(conn, &to.tenant)?;
    let there = Context {
        tenant: &to.tenant,
        ..*cx
    };
    let nik = crate::nik::Nik::parse(&r.nik).map_err(Error::Internal)?;
    let sex = crate::nik::Sex::try_from(r.sex).map_err(Error::Internal)?;
    let arriving = NewResident {
        nik,
        name: r.name.clone(),
        sex,
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
        father_name: r.father_name.clone(),
        mother_name: r.mother_name.clone(),
        father_nik: r.father_nik.clone(),
        mother_nik: r.mother_nik.clone(),
        // Family and RT are given by the destination desa when it places the newcomer.
        family_id: None,
        area_id: None,
        address: Some(destination),
        phone: r.phone.clone(),
        email: r.email.clone(),
        birth_cert_no: r.birth_cert_no.clone(),
    };
    let arrived = residents::insert(conn, &to.tenant, &arriving, cx.now)?;
    for past in &history {
        store::record(
            conn,
            &to.tenant,
            &NewEvent {
                resident_id: &arrived.id,
                kind: &past.kind,
                event_date: past.event_date,
                reported_on: past.reported_on,
                detail: json!({"carried_from": origin.code, "original": past.detail}).to_string(),
                recorded_by: &past.recorded_by,
            },
            cx.now,
        )?;
    }
    there.book(
        conn,
        &arrived,
        "move_in",
        date,
        reported,
        json!({
            "origin": format!("Desa {}, Kecamatan {}", origin.name, origin.kecamatan.name),
            "from_desa": origin.code,
        }),
    )?;
    switch_tenant(conn, cx.tenant)?;
    Ok(Recorded {
        event_id,
        resident: r,
        arrived_as: Some(arrived.id),
    })
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BookQuery {
    /// `YYYY-MM`: events of that month only.
    month: Option<String>,
    /// birth, death, move_out, move_in or missing.
    kind: Option<String>,
    /// `json` (default) or `csv`: the whole book as a file (audited).
    format: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

const KINDS: [&str; 5] = ["birth", "death", "move_out", "move_in", "missing"];

/// The first day of a `YYYY-MM` month and of the next.
pub fn month_range(s: &str) -> Result<(NaiveDate, NaiveDate)> {
    let from = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
        .map_err(|_| Error::invalid("month", "format YYYY-MM, contoh 2026-11"))?;
    let until = if from.month() == 12 {
        NaiveDate::from_ymd_opt(from.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(from.year(), from.month() + 1, 1)
    }
    .ok_or_else(|| Error::invalid("month", "bulan tidak valid"))?;
    Ok((from, until))
}

/// Buku Mutasi Penduduk: the desa's population events, newest first.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/events", tag = "penduduk",
    params(("desa" = String, Path), BookQuery),
    responses((status = 200, body = Page<BookLine>), (status = 400), (status = 403)),
    security(("bearer" = [])))]
pub async fn book(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<BookQuery>,
) -> Result<HttpResponse> {
    let BookQuery {
        month,
        kind,
        format,
        page,
        per_page,
    } = query.into_inner();
    let csv = match format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(Error::invalid("format", "pilihan: json atau csv")),
    };
    let page = if csv {
        PageParams::everything()
    } else {
        PageParams::parse(&PageQuery { page, per_page })?
    };
    let month = month.as_deref().map(month_range).transpose()?;
    if let Some(k) = &kind {
        if !KINDS.contains(&k.as_str()) {
            return Err(Error::invalid(
                "kind",
                format!("pilihan: {}", KINDS.join(", ")),
            ));
        }
    }
    let actor = staff.caller.user;
    let (items, total) = state
        .db
        .tenant(&staff.desa.tenant, move |conn, tenant| {
            let lines = store::book(conn, tenant, month, kind.as_deref(), &page)?;
            if csv {
                audit::record(
                    conn,
                    tenant,
                    &actor,
                    "book.export",
                    "mutasi",
                    &format!("{} baris", lines.1),
                )?;
            }
            Ok(lines)
        })
        .await?;
    if csv {
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                "content-disposition",
                "attachment; filename=\"buku-mutasi.csv\"",
            ))
            .body(book_csv(&items)?));
    }
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

/// The Buku Mutasi Penduduk as CSV, oldest event first.
fn book_csv(lines: &[BookLine]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "tanggal_peristiwa",
        "tanggal_lapor",
        "peristiwa",
        "nik",
        "nama",
        "keterangan",
        "dicatat_oleh",
    ])
    .map_err(Error::internal)?;
    for l in lines.iter().rev() {
        w.write_record([
            l.event.event_date.format("%d-%m-%Y").to_string(),
            l.event.reported_on.format("%d-%m-%Y").to_string(),
            l.event.kind.clone(),
            l.nik.clone(),
            l.name.clone(),
            l.event.detail.clone(),
            l.event.recorded_by.clone(),
        ])
        .map_err(Error::internal)?;
    }
    String::from_utf8(w.into_inner().map_err(Error::internal)?).map_err(Error::internal)
}

/// A resident's events, oldest first.
#[utoipa::path(get, path = "/api/v1/desa/{desa}/residents/{id}/events", tag = "penduduk",
    params(("desa" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Vec<Event>), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn history(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (_, id) = path.into_inner();
    let events = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            residents::require(conn, tenant, &id)?;
            store::history(conn, tenant, &id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(events))
}
