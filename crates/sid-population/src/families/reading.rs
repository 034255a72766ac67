//! A family card with its members as staff read it: every read is written to the desa's audit
//! log (UU PDP), and every change answers with the card as it now is.

use serde::Serialize;
use sid_core::auth::Staff;
use sid_core::db::DbConn;
use sid_core::{audit, AppState, Error, Result, TenantId};

use super::store::{self, Family};
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
