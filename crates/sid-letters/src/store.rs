//! Letter requests, their history and documents, the desa's letter settings and type settings.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::auth::User;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::schema::{
    letter_documents, letter_requests, letter_settings, letter_transitions, letter_type_settings,
    residents,
};
use sid_core::{ids, Error, Result, TenantId};

use super::numbering::DEFAULT_FORMAT;
use super::status::{Chain, Status};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = letter_requests)]
pub struct Request {
    pub id: String,
    pub type_code: String,
    pub subject_id: String,
    pub requested_by: Option<String>,
    pub created_by: String,
    pub purpose: String,
    pub fields: String,
    pub status: String,
    pub reason: Option<String>,
    pub number: Option<String>,
    pub sequence_no: Option<i32>,
    pub signed_at: Option<NaiveDateTime>,
    pub signer_name: Option<String>,
    pub signer_title: Option<String>,
    pub pdf_sha256: Option<String>,
    pub verify_code: Option<String>,
    pub signed_payload: Option<String>,
    pub signature: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Request {
    pub fn status(&self) -> Result<Status> {
        Status::parse(&self.status)
            .ok_or_else(|| Error::Internal(format!("status tidak dikenal: {}", self.status)))
    }
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = letter_transitions)]
pub struct Transition {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_id: String,
    pub actor_role: String,
    pub reason: Option<String>,
    pub at: NaiveDateTime,
    /// The actor's name and position at the time.
    pub actor_name: Option<String>,
    pub actor_position: Option<String>,
}

impl Transition {
    pub fn status_label(&self) -> &'static str {
        Status::parse(&self.to_status).map_or("?", Status::label)
    }

    /// "Siti Aminah (Sekretaris Desa)", or the account's role for moves recorded before
    /// names were kept.
    pub fn by(&self) -> String {
        match (&self.actor_name, &self.actor_position) {
            (Some(n), Some(p)) => format!("{n} ({p})"),
            (Some(n), None) => n.clone(),
            (None, _) => self.actor_role.clone(),
        }
    }
}

pub struct NewRequest<'a> {
    pub type_code: &'a str,
    pub subject_id: &'a str,
    pub requested_by: Option<&'a str>,
    pub created_by: &'a str,
    pub purpose: &'a str,
    pub fields: &'a str,
    pub status: Status,
}

pub fn insert(
    conn: &mut DbConn,
    tenant: &TenantId,
    new: &NewRequest,
    now: NaiveDateTime,
) -> Result<String> {
    let id = ids::new_id();
    diesel::insert_into(letter_requests::table)
        .values((
            letter_requests::desa_id.eq(tenant.as_str()),
            letter_requests::id.eq(&id),
            letter_requests::type_code.eq(new.type_code),
            letter_requests::subject_id.eq(new.subject_id),
            letter_requests::requested_by.eq(new.requested_by),
            letter_requests::created_by.eq(new.created_by),
            letter_requests::purpose.eq(new.purpose),
            letter_requests::fields.eq(new.fields),
            letter_requests::status.eq(new.status.as_str()),
            letter_requests::created_at.eq(now),
            letter_requests::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn get(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Option<Request>> {
    Ok(letter_requests::table
        .filter(letter_requests::desa_id.eq(tenant.as_str()))
        .filter(letter_requests::id.eq(id))
        .select(Request::as_select())
        .first(conn)
        .optional()?)
}

/// The request, or a 404 that does not say whether it exists in another desa.
pub fn require(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Request> {
    get(conn, tenant, id)?.ok_or_else(|| Error::NotFound("Permohonan surat".into()))
}

/// Moves the request from `from` to `to` only if no one moved it meanwhile: of two racing
/// moves, one wins and the other gets a conflict.
pub fn set_status(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    from: Status,
    to: Status,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<()> {
    let n = diesel::update(
        letter_requests::table
            .filter(letter_requests::desa_id.eq(tenant.as_str()))
            .filter(letter_requests::id.eq(id))
            .filter(letter_requests::status.eq(from.as_str())),
    )
    .set((
        letter_requests::status.eq(to.as_str()),
        letter_requests::reason.eq(reason),
        letter_requests::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n != 1 {
        return Err(Error::Conflict(
            "Permohonan ini baru saja diubah orang lain; muat ulang lalu coba lagi.".into(),
        ));
    }
    Ok(())
}

pub struct Signed<'a> {
    pub number: &'a str,
    pub scope: &'a str,
    pub year: i32,
    pub sequence: i32,
    pub signed_by: &'a str,
    pub signer_name: &'a str,
    pub signer_title: &'a str,
    pub pdf_sha256: &'a str,
    pub verify_code: &'a str,
    pub statement: &'a str,
    pub signature: &'a str,
}

pub fn record_signature(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    s: &Signed,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::update(
        letter_requests::table
            .filter(letter_requests::desa_id.eq(tenant.as_str()))
            .filter(letter_requests::id.eq(id)),
    )
    .set((
        letter_requests::number.eq(s.number),
        letter_requests::sequence_scope.eq(s.scope),
        letter_requests::sequence_year.eq(s.year),
        letter_requests::sequence_no.eq(s.sequence),
        letter_requests::signed_at.eq(now),
        letter_requests::signed_by.eq(s.signed_by),
        letter_requests::signer_name.eq(s.signer_name),
        letter_requests::signer_title.eq(s.signer_title),
        letter_requests::pdf_sha256.eq(s.pdf_sha256),
        letter_requests::verify_code.eq(s.verify_code),
        letter_requests::signed_payload.eq(s.statement),
        letter_requests::signature.eq(s.signature),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn revoke(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    reason: &str,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::update(
        letter_requests::table
            .filter(letter_requests::desa_id.eq(tenant.as_str()))
            .filter(letter_requests::id.eq(id))
            .filter(letter_requests::revoked_at.is_null()),
    )
    .set((
        letter_requests::revoked_at.eq(now),
        letter_requests::revoked_reason.eq(reason),
        letter_requests::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

/// Records a move by `actor`, with their name and position as they are now.
#[allow(clippy::too_many_arguments)]
pub fn add_transition(
    conn: &mut DbConn,
    tenant: &TenantId,
    request_id: &str,
    from: Option<Status>,
    to: Status,
    actor: &User,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::insert_into(letter_transitions::table)
        .values((
            letter_transitions::desa_id.eq(tenant.as_str()),
            letter_transitions::id.eq(ids::new_id()),
            letter_transitions::request_id.eq(request_id),
            letter_transitions::from_status.eq(from.map(Status::as_str)),
            letter_transitions::to_status.eq(to.as_str()),
            letter_transitions::actor_id.eq(&actor.id),
            letter_transitions::actor_role.eq(actor.role.as_str()),
            letter_transitions::reason.eq(reason),
            letter_transitions::at.eq(now),
            letter_transitions::actor_name.eq(actor.display_name()),
            letter_transitions::actor_position.eq(actor.position.map(|p| p.label())),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn history(conn: &mut DbConn, tenant: &TenantId, request_id: &str) -> Result<Vec<Transition>> {
    Ok(letter_transitions::table
        .filter(letter_transitions::desa_id.eq(tenant.as_str()))
        .filter(letter_transitions::request_id.eq(request_id))
        .order((letter_transitions::at.asc(), letter_transitions::id.asc()))
        .select(Transition::as_select())
        .load(conn)?)
}

pub fn count_with_status(conn: &mut DbConn, tenant: &TenantId, status: Status) -> Result<i64> {
    Ok(letter_requests::table
        .filter(letter_requests::desa_id.eq(tenant.as_str()))
        .filter(letter_requests::status.eq(status.as_str()))
        .count()
        .get_result(conn)?)
}

/// Which requests a list shows.
pub struct ListFilter {
    /// A villager's own: about this resident, or requested by them about a member of their
    /// family as it is now (a former member no longer sees the others' letters).
    pub resident: Option<String>,
    pub status: Option<Status>,
    /// Only requests older than this instant (the queue's "waiting for days").
    pub created_before: Option<NaiveDateTime>,
    /// Only signed letters, signed in `[from, until)` (the Agenda Surat Keluar).
    pub signed_between: Option<(NaiveDateTime, NaiveDateTime)>,
    pub type_code: Option<String>,
}

pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    f: &ListFilter,
    page: &PageParams,
) -> Result<(Vec<Request>, i64)> {
    let my_family: Option<String> = match &f.resident {
        Some(r) => residents::table
            .filter(residents::desa_id.eq(tenant.as_str()))
            .filter(residents::id.eq(r))
            .select(residents::family_id)
            .first(conn)
            .optional()?
            .flatten(),
        None => None,
    };
    let query = || {
        let mut q = letter_requests::table
            .filter(letter_requests::desa_id.eq(tenant.as_str()))
            .into_boxed();
        if let Some(r) = &f.resident {
            let family_now = residents::table
                .filter(residents::desa_id.eq(tenant.as_str()))
                .filter(residents::family_id.eq(my_family.clone()))
                .select(residents::id);
            q = q.filter(
                letter_requests::subject_id
                    .eq(r.clone())
                    .or(letter_requests::requested_by
                        .eq(r.clone())
                        .and(letter_requests::subject_id.eq_any(family_now))),
            );
        }
        if let Some(s) = f.status {
            q = q.filter(letter_requests::status.eq(s.as_str()));
        }
        if let Some(t) = f.created_before {
            q = q.filter(letter_requests::created_at.lt(t));
        }
        if let Some((from, until)) = f.signed_between {
            q = q
                .filter(letter_requests::signed_at.ge(from))
                .filter(letter_requests::signed_at.lt(until));
        }
        if let Some(t) = &f.type_code {
            q = q.filter(letter_requests::type_code.eq(t.clone()));
        }
        q
    };
    let total = query().count().get_result(conn)?;
    let mut rows = query().select(Request::as_select());
    rows = if f.signed_between.is_some() {
        rows.order((letter_requests::signed_at.asc(), letter_requests::id.asc()))
    } else {
        rows.order(letter_requests::id.desc())
    };
    let items = rows.limit(page.limit()).offset(page.offset()).load(conn)?;
    Ok((items, total))
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = letter_settings)]
pub struct Settings {
    /// Parts: `[kode_surat]`, `[nomor]`, `[kode_desa]`, `[bulan_romawi]`, `[tahun]`.
    pub number_format: String,
    /// One sequence for all types instead of one per type.
    pub single_sequence: bool,
    /// `a4` or `f4` (215 x 330 mm).
    pub paper: String,
    /// The sekretaris desa initials (paraf) each letter before it is signed.
    pub paraf: bool,
}

impl Settings {
    pub fn chain(&self) -> Chain {
        Chain { paraf: self.paraf }
    }
}

pub fn settings(conn: &mut DbConn, tenant: &TenantId) -> Result<Settings> {
    Ok(letter_settings::table
        .find(tenant.as_str())
        .select(Settings::as_select())
        .first(conn)
        .optional()?
        .unwrap_or_else(|| Settings {
            number_format: DEFAULT_FORMAT.into(),
            single_sequence: false,
            paper: "a4".into(),
            paraf: false,
        }))
}

pub fn save_settings(
    conn: &mut DbConn,
    tenant: &TenantId,
    s: &Settings,
    now: NaiveDateTime,
) -> Result<()> {
    let values = (
        letter_settings::number_format.eq(&s.number_format),
        letter_settings::single_sequence.eq(s.single_sequence),
        letter_settings::paper.eq(&s.paper),
        letter_settings::paraf.eq(s.paraf),
        letter_settings::updated_at.eq(now),
    );
    let n = diesel::update(letter_settings::table.find(tenant.as_str()))
        .set(values)
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(letter_settings::table)
            .values((letter_settings::desa_id.eq(tenant.as_str()), values))
            .execute(conn)?;
    }
    Ok(())
}

/// A desa's choices for one type: enabled (default yes) and its own template (default none).
#[derive(Debug, Clone, Default)]
pub struct TypeSetting {
    pub enabled: Option<bool>,
    pub template: Option<String>,
}

pub fn type_settings(
    conn: &mut DbConn,
    tenant: &TenantId,
) -> Result<std::collections::HashMap<String, TypeSetting>> {
    let rows: Vec<(String, bool, Option<String>)> = letter_type_settings::table
        .filter(letter_type_settings::desa_id.eq(tenant.as_str()))
        .select((
            letter_type_settings::type_code,
            letter_type_settings::enabled,
            letter_type_settings::template,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(code, enabled, template)| {
            (
                code,
                TypeSetting {
                    enabled: Some(enabled),
                    template,
                },
            )
        })
        .collect())
}

pub fn save_type_setting(
    conn: &mut DbConn,
    tenant: &TenantId,
    code: &str,
    enabled: bool,
    template: Option<&str>,
    actor: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let values = (
        letter_type_settings::enabled.eq(enabled),
        letter_type_settings::template.eq(template),
        letter_type_settings::updated_at.eq(now),
        letter_type_settings::updated_by.eq(actor),
    );
    let n = diesel::update(
        letter_type_settings::table
            .filter(letter_type_settings::desa_id.eq(tenant.as_str()))
            .filter(letter_type_settings::type_code.eq(code)),
    )
    .set(values)
    .execute(conn)?;
    if n == 0 {
        diesel::insert_into(letter_type_settings::table)
            .values((
                letter_type_settings::desa_id.eq(tenant.as_str()),
                letter_type_settings::type_code.eq(code),
                values,
            ))
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = letter_documents)]
pub struct Document {
    pub id: String,
    pub kind: String,
    pub content_type: String,
    pub size: i32,
    pub sha256: String,
    pub uploaded_at: NaiveDateTime,
}

pub fn documents_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    request_id: &str,
) -> Result<Vec<Document>> {
    Ok(letter_documents::table
        .filter(letter_documents::desa_id.eq(tenant.as_str()))
        .filter(letter_documents::request_id.eq(request_id))
        .order(letter_documents::uploaded_at.asc())
        .select(Document::as_select())
        .load(conn)?)
}

pub fn insert_document(
    conn: &mut DbConn,
    tenant: &TenantId,
    request_id: &str,
    doc: &Document,
    uploaded_by: &str,
) -> Result<()> {
    diesel::insert_into(letter_documents::table)
        .values((
            letter_documents::desa_id.eq(tenant.as_str()),
            letter_documents::id.eq(&doc.id),
            letter_documents::request_id.eq(request_id),
            letter_documents::kind.eq(&doc.kind),
            letter_documents::content_type.eq(&doc.content_type),
            letter_documents::size.eq(doc.size),
            letter_documents::sha256.eq(&doc.sha256),
            letter_documents::uploaded_by.eq(uploaded_by),
            letter_documents::uploaded_at.eq(doc.uploaded_at),
        ))
        .execute(conn)?;
    Ok(())
}
