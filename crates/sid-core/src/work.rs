//! What waits for a desa's staff. Each module counts its own open work (letters to check,
//! initial or sign; villagers' reports; the month's events), and the staff's home in
//! `sid-admin` lists them all without depending on any of those modules.

use crate::auth::User;
use crate::db::DbConn;
use crate::{Result, TenantId};

/// One line of the staff's work list.
#[derive(Debug, Clone)]
pub struct WorkItem {
    /// Names the line on the page (`work-<key>`).
    pub key: &'static str,
    pub label: String,
    pub count: i64,
    /// What else a person needs to judge it, e.g. "tertua 4 hari".
    pub note: Option<String>,
    /// The page where the work is done, under `/desa/{desa}`.
    pub link: String,
    /// The signed-in person's own step (their paraf, their signature).
    pub mine: bool,
    /// Waiting longer than it should.
    pub late: bool,
}

/// A module's count of its open work in one desa, for this staff member.
pub type WorkFn = fn(&mut DbConn, &TenantId, &User) -> Result<Vec<WorkItem>>;

/// Every module's count, in the order of the product's modules; shared with the pages as
/// application data by the composition root.
pub struct WorkSources(pub Vec<WorkFn>);

/// A module with no work to count.
pub fn none(_: &mut DbConn, _: &TenantId, _: &User) -> Result<Vec<WorkItem>> {
    Ok(Vec::new())
}
