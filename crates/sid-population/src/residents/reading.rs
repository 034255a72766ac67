//! Staff reading one resident's record: every read is written to the desa's audit log (UU PDP).

use sid_core::auth::Staff;
use sid_core::{audit, AppState, Result};

use super::store::{self, Resident};

/// One resident for staff, the view written to the desa's audit log.
pub async fn view(state: &AppState, staff: &Staff, id: String) -> Result<Resident> {
    audit::viewed(
        &state.db,
        &staff.desa.tenant,
        &staff.caller.user,
        "resident.view",
        move |conn, tenant| {
            let r = store::require(conn, tenant, &id)?;
            let (target, name) = (r.id.clone(), r.name.clone());
            Ok((r, target, name))
        },
    )
    .await
}
