use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sid_core::auth::Staff;
use sid_core::clock::month_range;
use sid_core::http::{disposition, Json};
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::spreadsheet::CsvFile;
use sid_core::{audit, AppState, Desa, Error, Result};
use utoipa::OpenApi;

use super::acts::{self, Recorded};
use super::input::{Birth, Child, Death, EventInput, Missing, MoveIn, MoveOut};
use super::store::{self, BookLine, Event};
use crate::residents::store as residents;
use crate::transfers::{self, TransferView};

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

/// Records a population event. A move to another desa of the regency (`move_out` with
/// `to_desa`) is not recorded yet: it becomes a transfer that the destination desa accepts or
/// refuses (202, the transfer); until then the person stays here.
#[utoipa::path(post, path = "/api/v1/desa/{desa}/events", tag = "penduduk",
    params(("desa" = String, Path)), request_body = EventInput,
    responses((status = 201, body = Recorded), (status = 202, body = TransferView), (status = 400),
        (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
pub async fn record(
    state: web::Data<AppState>,
    staff: Staff,
    body: Json<EventInput>,
) -> Result<HttpResponse> {
    let Json(input) = body;
    let actor = &staff.caller.user;
    if let EventInput::MoveOut(
        m @ MoveOut {
            to_desa: Some(_), ..
        },
    ) = input
    {
        let to = destination(&state, &staff, m.to_desa.as_deref().unwrap_or_default())?;
        let here = staff.desa.clone();
        let to_in = to.clone();
        let transfer = state
            .db
            .write(&staff.desa.tenant, actor, move |w| {
                transfers::request(w, m, &here, &to_in)
            })
            .await?;
        return Ok(HttpResponse::Accepted().json(TransferView {
            transfer,
            other_desa: to,
        }));
    }
    let recorded = state
        .db
        .write(&staff.desa.tenant, actor, move |w| acts::perform(w, input))
        .await?;
    Ok(HttpResponse::Created().json(recorded))
}

/// The destination of a move within the regency: an active desa other than this one.
fn destination(state: &AppState, staff: &Staff, key: &str) -> Result<Desa> {
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
    Ok(d)
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
    let (items, total) = state
        .db
        .write(&staff.desa.tenant, &staff.caller.user, move |w| {
            let lines = store::book(w.conn, w.tenant, month, kind.as_deref(), &page)?;
            if csv {
                w.audit("book.export", "mutasi", &format!("{} baris", lines.1))?;
            }
            // Every person on the page (or in the file) was read.
            let shown: Vec<String> = lines
                .0
                .iter()
                .map(|l| l.event.resident_id.clone())
                .collect();
            audit::record_shown(
                w.conn,
                w.tenant,
                w.actor,
                "book.mutasi",
                &shown,
                "Buku Mutasi",
            )?;
            Ok(lines)
        })
        .await?;
    if csv {
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(disposition("attachment", "buku-mutasi.csv"))
            .body(book_csv(&items)?));
    }
    Ok(HttpResponse::Ok().json(page.wrap(items, total)))
}

/// The Buku Mutasi Penduduk as CSV, oldest event first.
fn book_csv(lines: &[BookLine]) -> Result<Vec<u8>> {
    let mut file = CsvFile::new([
        "tanggal_peristiwa",
        "tanggal_lapor",
        "peristiwa",
        "nik",
        "nama",
        "keterangan",
        "dicatat_oleh",
    ])?;
    for l in lines.iter().rev() {
        file.row([
            l.event.event_date.format("%d-%m-%Y").to_string(),
            l.event.reported_on.format("%d-%m-%Y").to_string(),
            l.event.kind.clone(),
            l.nik.clone(),
            l.name.clone(),
            l.event.detail.clone(),
            l.event.recorded_by.clone(),
        ])?;
    }
    file.into_bytes()
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
