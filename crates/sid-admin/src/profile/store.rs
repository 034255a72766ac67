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
    /// Sejarah desa (Markdown).
    pub history: Option<String>,
    pub vision: Option<String>,
    /// Misi (Markdown, one point per line).
    pub mission: Option<String>,
    pub area_ha: Option<f64>,
    pub border_north: Option<String>,
    pub border_east: Option<String>,
    pub border_south: Option<String>,
    pub border_west: Option<String>,
    /// E.g. "Senin–Jumat 08.00–15.00 WIB".
    pub office_hours: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The desa's photo: its id in the file store (shown through `DesaProfile::photo`).
    #[serde(skip)]
    pub photo: Option<String>,
    #[serde(skip)]
    pub photo_width: Option<i32>,
    #[serde(skip)]
    pub photo_height: Option<i32>,
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
        (
            desa_profile::history.eq(&p.history),
            desa_profile::vision.eq(&p.vision),
            desa_profile::mission.eq(&p.mission),
            desa_profile::area_ha.eq(p.area_ha),
            desa_profile::border_north.eq(&p.border_north),
            desa_profile::border_east.eq(&p.border_east),
            desa_profile::border_south.eq(&p.border_south),
            desa_profile::border_west.eq(&p.border_west),
            desa_profile::office_hours.eq(&p.office_hours),
            desa_profile::latitude.eq(p.latitude),
            desa_profile::longitude.eq(p.longitude),
        ),
    );
    ensure_row(conn, tenant, now)?;
    diesel::update(desa_profile::table.find(tenant.as_str()))
        .set(values)
        .execute(conn)?;
    Ok(())
}

/// Sets the desa's photo (a profile row is made if the desa has none yet).
pub fn set_photo(
    conn: &mut DbConn,
    tenant: &TenantId,
    photo: &str,
    width: i32,
    height: i32,
    now: NaiveDateTime,
) -> Result<()> {
    let values = (
        desa_profile::photo.eq(photo),
        desa_profile::photo_width.eq(width),
        desa_profile::photo_height.eq(height),
        desa_profile::updated_at.eq(now),
    );
    ensure_row(conn, tenant, now)?;
    diesel::update(desa_profile::table.find(tenant.as_str()))
        .set(values)
        .execute(conn)?;
    Ok(())
}

/// Makes the desa's profile row if it has none yet (a desa starts with an empty profile).
fn ensure_row(conn: &mut DbConn, tenant: &TenantId, now: NaiveDateTime) -> Result<()> {
    let exists: i64 = desa_profile::table
        .find(tenant.as_str())
        .count()
        .get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(desa_profile::table)
            .values((
                desa_profile::desa_id.eq(tenant.as_str()),
                desa_profile::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}
