//! Agenda Surat Keluar: the letters a desa signed in a month, in signing order, as the API, its
//! CSV and the staff page show them.

use chrono::NaiveDateTime;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::{clock, Error, Result, TenantId};
use sid_population::residents::store as residents;

use super::store::{self, ListFilter};
use super::types;

#[derive(Serialize, utoipa::ToSchema)]
pub struct AgendaLine {
    pub number: String,
    pub signed_at: NaiveDateTime,
    #[serde(rename = "type")]
    pub type_name: String,
    pub subject: String,
    pub purpose: String,
    pub signer: String,
    pub revoked: bool,
    pub request_id: String,
}

/// The Agenda's month (the current one by default) and its filter.
pub fn filter(month: Option<String>, type_code: Option<String>) -> Result<(String, ListFilter)> {
    let month = month
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| clock::today().format("%Y-%m").to_string());
    let (from, until) = clock::month_range(&month)?;
    let type_code = type_code.filter(|t| !t.is_empty());
    if let Some(t) = &type_code {
        if types::find(t).is_none() {
            return Err(Error::invalid("type", "jenis surat tidak dikenal"));
        }
    }
    Ok((
        month,
        ListFilter {
            resident: None,
            status: None,
            created_before: None,
            signed_between: Some((clock::start_of(from), clock::start_of(until))),
            type_code,
        },
    ))
}

/// The letters of the Agenda, with their subjects' names.
pub fn lines(
    conn: &mut DbConn,
    tenant: &TenantId,
    filter: &ListFilter,
    page: &PageParams,
) -> Result<(Vec<AgendaLine>, i64)> {
    let (rows, total) = store::list(conn, tenant, filter, page)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.subject_id.as_str()).collect();
    let names: std::collections::HashMap<String, String> = residents::by_ids(conn, tenant, &ids)?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let lines = rows
        .into_iter()
        .map(|r| AgendaLine {
            number: r.number.unwrap_or_default(),
            signed_at: r.signed_at.unwrap_or(r.created_at),
            type_name: types::find(&r.type_code)
                .map_or(r.type_code.clone(), |t| t.name.to_string()),
            subject: names.get(&r.subject_id).cloned().unwrap_or_default(),
            purpose: r.purpose,
            signer: r.signer_name.unwrap_or_default(),
            revoked: r.revoked_at.is_some(),
            request_id: r.id,
        })
        .collect();
    Ok((lines, total))
}
