use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::schema::desa_profile;
use sid_core::{Result, TenantId};

/// What a desa writes about itself; every field may be empty.
#[derive(Debug, Clone, Default, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = desa_profile)]
pub struct Profile {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub kepala_desa: Option<String>,
    pub description: Option<String>,
}

/// The profile of the desa, empty when it has written none yet.
pub fn get(conn: &mut DbConn, tenant: &TenantId) -> Result<Profile> {
    Ok(desa_profile::table
        .find(tenant.as_str())
        .select(Profile::as_select())
        .first(conn)
        .optional()?
        .unwrap_or_default())
}

pub fn save(conn: &mut DbConn, tenant: &TenantId, p: &Profile, now: NaiveDateTime) -> Result<()> {
    let values = (
        desa_profile::address.eq(&p.address),
        desa_profile::phone.eq(&p.phone),
        desa_profile::email.eq(&p.email),
        desa_profile::kepala_desa.eq(&p.kepala_desa),
        desa_profile::description.eq(&p.description),
        desa_profile::updated_at.eq(now),
    );
    let updated = diesel::update(desa_profile::table.find(tenant.as_str()))
        .set(values)
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(desa_profile::table)
            .values((desa_profile::desa_id.eq(tenant.as_str()), values))
            .execute(conn)?;
    }
    Ok(())
}
