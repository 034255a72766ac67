//! Staff reading residents' records, one or a page of a list or search: every read is written to
//! the desa's audit log (UU PDP).

use sid_core::auth::Staff;
use sid_core::{audit, AppState, Result};

use super::search::{search, Filter, ResidentRow};
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

/// One page of a list or search for staff, each resident shown written to the desa's log.
pub async fn list(
    state: &AppState,
    staff: &Staff,
    filter: Filter,
) -> Result<(Vec<ResidentRow>, i64)> {
    let (rows, total) = state
        .db
        .tenant_statements(&staff.desa.tenant, move |conn, tenant| {
            search(conn, tenant, &filter)
        })
        .await?;
    let shown = rows.iter().map(|r| r.id.clone()).collect();
    audit::shown(
        &state.db,
        &staff.desa.tenant,
        &staff.caller.user,
        "resident.list",
        shown,
        "daftar atau pencarian penduduk".into(),
    )
    .await?;
    Ok((rows, total))
}
