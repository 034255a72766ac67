//! A letter request as its reader may see it: staff see every request of the desa, a villager
//! those about them and those they made for a member of their family card as it is now; the list and the detail (with history and documents) are shaped
//! here for the API and the pages alike.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use sid_core::auth::{Member, Membership};
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::{AppState, Error, Result, TenantId};
use sid_population::residents::store as residents;

use super::status::Status;
use super::store::{self, Document, ListFilter, Request, Transition};
use super::types;

#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestView {
    pub id: String,
    #[serde(rename = "type")]
    pub type_code: String,
    pub type_name: String,
    pub subject_id: String,
    pub subject_name: String,
    pub requested_by: Option<String>,
    /// The account that entered the request.
    pub created_by: String,
    pub purpose: String,
    #[schema(value_type = Object)]
    pub fields: BTreeMap<String, String>,
    pub status: Status,
    pub status_label: &'static str,
    pub reason: Option<String>,
    pub number: Option<String>,
    /// The number's place in its sequence.
    pub sequence_no: Option<i32>,
    pub signed_at: Option<NaiveDateTime>,
    pub signer_name: Option<String>,
    pub signer_title: Option<String>,
    pub pdf_sha256: Option<String>,
    /// The public check of the letter, once signed.
    pub verify_code: Option<String>,
    /// What the desa's key signed, as the QR code carries it, and the signature (base64url).
    pub signed_statement: Option<String>,
    pub signature: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Filled in on the detail only.
    pub history: Vec<Transition>,
    /// Uploaded documents; filled in on the detail only.
    pub documents: Vec<Document>,
}

pub fn view(
    r: Request,
    subject_name: String,
    history: Vec<Transition>,
    documents: Vec<Document>,
) -> Result<RequestView> {
    let status = r.status()?;
    Ok(RequestView {
        type_name: types::find(&r.type_code)
            .map(|t| t.name.to_string())
            .unwrap_or_else(|| r.type_code.clone()),
        fields: serde_json::from_str(&r.fields).map_err(Error::internal)?,
        status,
        status_label: status.label(),
        id: r.id,
        type_code: r.type_code,
        subject_id: r.subject_id,
        subject_name,
        requested_by: r.requested_by,
        created_by: r.created_by,
        purpose: r.purpose,
        reason: r.reason,
        number: r.number,
        sequence_no: r.sequence_no,
        signed_at: r.signed_at,
        signer_name: r.signer_name,
        signer_title: r.signer_title,
        pdf_sha256: r.pdf_sha256,
        verify_code: r.verify_code,
        signed_statement: r.signed_payload,
        signature: r.signature,
        revoked_at: r.revoked_at,
        revoked_reason: r.revoked_reason,
        created_at: r.created_at,
        updated_at: r.updated_at,
        history,
        documents,
    })
}

/// The request as this member may see it: staff see every request of the desa, a villager
/// those made by or about them; anything else is "not found".
pub fn visible(
    conn: &mut DbConn,
    tenant: &TenantId,
    member: &Membership,
    id: &str,
) -> Result<Request> {
    let r = store::require(conn, tenant, id)?;
    match member {
        Membership::Villager(me) if r.subject_id != *me => {
            // Requested for a family member: only while both are of one family card.
            let family_of = |conn: &mut DbConn, id: &str| {
                residents::require(conn, tenant, id).map(|p| p.family_id)
            };
            let same_family = r.requested_by.as_deref() == Some(me.as_str())
                && matches!(
                    (family_of(conn, me)?, family_of(conn, &r.subject_id)?),
                    (Some(a), Some(b)) if a == b
                );
            if same_family {
                Ok(r)
            } else {
                Err(Error::NotFound("Permohonan surat".into()))
            }
        }
        _ => Ok(r),
    }
}

/// One page of requests with their subjects' names: one query for the page, one for the names
/// (the history and documents are for the detail).
pub fn list_views(
    conn: &mut DbConn,
    tenant: &TenantId,
    filter: &ListFilter,
    page: &PageParams,
) -> Result<(Vec<RequestView>, i64)> {
    let (rows, total) = store::list(conn, tenant, filter, page)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.subject_id.as_str()).collect();
    let names: BTreeMap<String, String> = residents::by_ids(conn, tenant, &ids)?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let items = rows
        .into_iter()
        .map(|r| {
            let name = names.get(&r.subject_id).cloned().unwrap_or_default();
            view(r, name, Vec::new(), Vec::new())
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((items, total))
}

/// The request with its history, as this member may see it (see `visible`).
pub async fn load(state: &AppState, member: &Member, id: String) -> Result<RequestView> {
    let me = member.membership.clone();
    state
        .db
        .tenant_read(&member.desa.tenant, move |conn, tenant| {
            let r = visible(conn, tenant, &me, &id)?;
            detail(conn, tenant, r)
        })
        .await
}

pub fn detail(conn: &mut DbConn, tenant: &TenantId, r: Request) -> Result<RequestView> {
    let name = residents::get(conn, tenant, &r.subject_id)?
        .map(|s| s.name)
        .unwrap_or_default();
    let history = store::history(conn, tenant, &r.id)?;
    let documents = store::documents_of(conn, tenant, &r.id)?;
    view(r, name, history, documents)
}
