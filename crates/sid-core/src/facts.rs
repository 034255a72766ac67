//! What a desa's public site says of it in figures (residents, families, dusun, RW and RT):
//! each module gives its own, read from what it keeps current, and the site in `sid-admin`
//! shows them without depending on those modules.

use crate::db::DbConn;
use crate::{Result, TenantId};

/// One figure of the desa.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Fact {
    /// Names the figure on the page (`fact-<key>`) and in JSON.
    pub key: &'static str,
    pub label: &'static str,
    pub value: i64,
    pub unit: &'static str,
}

/// A module's figures of one desa.
pub type FactFn = fn(&mut DbConn, &TenantId) -> Result<Vec<Fact>>;

/// Every module's figures, in the order of the product's modules; shared with the pages as
/// application data by the composition root.
pub struct FactSources(pub Vec<FactFn>);

impl FactSources {
    /// Every module's figures of the desa.
    pub fn read(&self, conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<Fact>> {
        let mut all = Vec::new();
        for source in &self.0 {
            all.extend(source(conn, tenant)?);
        }
        Ok(all)
    }
}

/// A module with no figures to give.
pub fn none(_: &mut DbConn, _: &TenantId) -> Result<Vec<Fact>> {
    Ok(Vec::new())
}
