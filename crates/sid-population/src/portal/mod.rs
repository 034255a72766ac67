//! The villager's own data (the data subject's right of access, UU PDP No. 27/2022): their
//! record and family as the desa holds them, who viewed or changed the record and when, and
//! flags on fields they find wrong, which the desa's staff see and settle.

mod api;
mod pages;
mod store;

use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::{Result, TenantId};

use crate::residents::{store as residents, Resident};

pub use api::{configure_api, PortalDoc};
pub use pages::configure_pages;
pub use store::{flags_of, Flag};

/// Fields a villager can flag.
pub(crate) const FIELDS: [&str; 14] = [
    "nik",
    "name",
    "sex",
    "birth_place",
    "birth_date",
    "religion",
    "education",
    "occupation",
    "marital_status",
    "address",
    "father_name",
    "mother_name",
    "phone",
    "email",
];

#[derive(Serialize, utoipa::ToSchema)]
pub struct Member {
    pub name: String,
    pub nik: String,
    /// Relationship in the family (SHDK).
    pub relationship: String,
    pub birth_date: chrono::NaiveDate,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MyData {
    #[schema(value_type = Object)]
    pub resident: Resident,
    pub family: Vec<Member>,
    pub flags: Vec<Flag>,
}

/// Who read the villager's data: the entries about them and about their family card (a read
/// of the card is a read of each member's data), newest first.
pub(crate) fn access_log(
    conn: &mut DbConn,
    tenant: &TenantId,
    me: &str,
    page: &sid_core::pagination::PageParams,
) -> Result<(Vec<sid_core::audit::Entry>, i64)> {
    let card = residents::require(conn, tenant, me)?.family_id;
    let targets: Vec<String> = std::iter::once(me.to_string()).chain(card).collect();
    sid_core::audit::list(conn, tenant, &targets, page)
}

/// The villager's record, family and flags.
pub(crate) fn load(conn: &mut DbConn, tenant: &TenantId, me: &str) -> Result<MyData> {
    let resident = residents::require(conn, tenant, me)?;
    let family = match &resident.family_id {
        Some(f) => residents::members_of(conn, tenant, f)?
            .into_iter()
            .map(|m| Member {
                relationship: crate::codes::name("shdk", m.shdk)
                    .unwrap_or("-")
                    .to_string(),
                name: m.name,
                nik: m.nik,
                birth_date: m.birth_date,
            })
            .collect(),
        None => Vec::new(),
    };
    let flags = flags_of(conn, tenant, Some(me), false)?;
    Ok(MyData {
        resident,
        family,
        flags,
    })
}
