//! Reading transfers as the desa sees them: the list's filters, the other desa beside each,
//! and the audit entry for every person shown; shared by the API and the page.

use serde::{Deserialize, Serialize};
use sid_core::auth::Staff;
use sid_core::pagination::{Page, PageParams, PageQuery};
use sid_core::{audit, AppState, Desa, Error, Result};

use super::acts::other_side;
use super::status::{Direction, Status};
use super::store::{self, Transfer};

/// A transfer as this desa sees it, with the desa on the other side.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TransferView {
    #[serde(flatten)]
    pub transfer: Transfer,
    pub other_desa: Desa,
}

impl TransferView {
    pub fn new(transfer: Transfer, registry: &[Desa]) -> Result<TransferView> {
        let other_desa = other_side(registry, &transfer)?.clone();
        Ok(TransferView {
            transfer,
            other_desa,
        })
    }

    /// When it was asked, as the desa's clock (WIB) shows it.
    pub fn asked_at(&self) -> String {
        wib(self.transfer.requested_at)
    }

    /// When it was answered, in WIB.
    pub fn answered_at(&self) -> Option<String> {
        self.transfer.decided_at.map(wib)
    }
}

fn wib(at: chrono::NaiveDateTime) -> String {
    sid_core::clock::local(at)
        .format("%d-%m-%Y %H:%M WIB")
        .to_string()
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `keluar` (asked by this desa) or `masuk` (asked of it).
    pub direction: Option<String>,
    /// menunggu, diterima, ditolak or dibatalkan.
    pub status: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// The filters of the list, parsed.
pub struct Filter {
    pub direction: Option<Direction>,
    pub status: Option<Status>,
    pub page: PageParams,
}

impl Filter {
    pub fn parse(q: ListQuery) -> Result<Filter> {
        let direction = match q.direction.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(d) => Some(
                Direction::parse(d)
                    .ok_or_else(|| Error::invalid("direction", "pilihan: keluar atau masuk"))?,
            ),
        };
        let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(Status::parse(s).ok_or_else(|| {
                Error::invalid(
                    "status",
                    "pilihan: menunggu, diterima, ditolak atau dibatalkan",
                )
            })?),
        };
        let page = PageParams::parse(&PageQuery {
            page: q.page,
            per_page: q.per_page,
        })?;
        Ok(Filter {
            direction,
            status,
            page,
        })
    }
}

/// Reads one page of the desa's transfers; the people on it are written to its audit log.
pub async fn read_page(
    state: &AppState,
    staff: &Staff,
    filter: Filter,
) -> Result<Page<TransferView>> {
    let Filter {
        direction,
        status,
        page,
    } = filter;
    let (rows, total) = state
        .db
        .tenant_read(&staff.desa.tenant, move |conn, tenant| {
            store::list(conn, tenant, direction, status, &page)
        })
        .await?;
    audit::shown(
        &state.db,
        &staff.desa.tenant,
        &staff.caller.user,
        "transfer.list",
        rows.iter().map(shown_as).collect(),
        "daftar pindah antar desa".into(),
    )
    .await?;
    let registry = state.directory.all();
    let items = rows
        .into_iter()
        .map(|t| TransferView::new(t, &registry))
        .collect::<Result<_>>()?;
    Ok(page.wrap(items, total))
}

/// What the audit log names for a transfer read: the person's record here, or the transfer.
pub fn shown_as(t: &Transfer) -> String {
    t.resident_id.clone().unwrap_or_else(|| t.id.clone())
}
