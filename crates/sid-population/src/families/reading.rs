//! Family cards as staff read them, one with its members or a page of the list: every read is
//! written to the desa's audit log (UU PDP), and every change answers with the card as it now is.

use serde::Serialize;
use sid_core::auth::Staff;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::{audit, AppState, Error, Result, TenantId};

use super::store::{self, Family, FamilyRow};
use crate::residents::{store as residents, Resident};

#[derive(Serialize, utoipa::ToSchema)]
pub struct FamilyDetail {
    #[serde(flatten)]
    pub family: Family,
    pub members: Vec<Resident>,
}

pub fn detail(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<FamilyDetail> {
    let family =
        store::find(conn, tenant, id)?.ok_or_else(|| Error::NotFound("Keluarga".into()))?;
    let members = residents::members_of(conn, tenant, id)?;
    Ok(FamilyDetail { family, members })
}

/// One family for staff, the view written to the desa's audit log.
pub async fn view(state: &AppState, staff: &Staff, id: String) -> Result<FamilyDetail> {
    audit::viewed(
        &state.db,
        &staff.desa.tenant,
        &staff.caller.user,
        "family.view",
        move |conn, tenant| {
            let d = detail(conn, tenant, &id)?;
            let no_kk = d.family.no_kk.clone();
            Ok((d, id, no_kk))
        },
    )
    .await
}

/// The desa's active card with this number, read as `view` reads it; `None` when there is none.
pub async fn by_no_kk(
    state: &AppState,
    staff: &Staff,
    no_kk: String,
) -> Result<Option<FamilyDetail>> {
    let id = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::active_by_no_kk(conn, tenant, &no_kk)
        })
        .await?;
    match id {
        Some(id) => Ok(Some(view(state, staff, id).await?)),
        None => Ok(None),
    }
}

/// One page of the desa's active families for staff, each card shown written to the desa's log.
pub async fn list(
    state: &AppState,
    staff: &Staff,
    q: Option<String>,
    page: PageParams,
) -> Result<(Vec<FamilyRow>, i64)> {
    let (items, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, q.as_deref(), &page)
        })
        .await?;
    let shown = items.iter().map(|f| f.id.clone()).collect();
    audit::shown(
        &state.db,
        &staff.desa.tenant,
        &staff.caller.user,
        "family.list",
        shown,
        "daftar keluarga".into(),
    )
    .await?;
    Ok((items, total))
}
