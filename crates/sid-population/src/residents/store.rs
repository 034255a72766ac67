//! Resident queries. Every function takes the `TenantId` and filters on it.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::schema::{nik_registry, residents};
use sid_core::{ids, Error, Result, TenantId};

use super::NewResident;

/// A resident as the desa holds them.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = residents)]
pub struct Resident {
    pub id: String,
    pub nik: String,
    pub name: String,
    pub sex: i32,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub religion: i32,
    pub education: i32,
    pub occupation: i32,
    pub marital_status: i32,
    pub shdk: i32,
    pub citizenship: i32,
    pub blood_type: i32,
    pub disability: Option<i32>,
    pub father_name: Option<String>,
    pub mother_name: Option<String>,
    pub father_nik: Option<String>,
    pub mother_nik: Option<String>,
    pub father_id: Option<String>,
    pub mother_id: Option<String>,
    pub family_id: Option<String>,
    pub area_id: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub birth_cert_no: Option<String>,
    /// Status dasar: 1 hidup, 2 mati, 3 pindah, 4 hilang, 6 pergi.
    pub status: i32,
    pub status_changed_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// KTP-el: 1 belum rekam, 2 sudah rekam, 3 sudah terbit.
    pub ktp_status: Option<i32>,
    pub chronic_illness: Option<i32>,
    pub kb_method: Option<i32>,
    pub health_insurance: Option<i32>,
}

/// The NIK may be registered by this desa: no desa of the regency holds it as active. The
/// reply says whether this desa or another holds it, never which other: a desa learns no more
/// about a person of another desa than that they are registered somewhere in the regency.
pub fn claim_nik(conn: &mut DbConn, tenant: &TenantId, nik: &str, resident_id: &str) -> Result<()> {
    let holder: Option<String> = nik_registry::table
        .filter(nik_registry::nik.eq(nik))
        .select(nik_registry::desa_id)
        .first(conn)
        .optional()?;
    if let Some(id) = holder {
        return Err(if id == tenant.as_str() {
            Error::Conflict(format!(
                "NIK {nik} sudah terdaftar sebagai penduduk aktif desa ini."
            ))
        } else {
            Error::NikElsewhere(nik.to_string())
        });
    }
    diesel::insert_into(nik_registry::table)
        .values((
            nik_registry::nik.eq(nik),
            nik_registry::desa_id.eq(tenant.as_str()),
            nik_registry::resident_id.eq(resident_id),
        ))
        .execute(conn)?;
    Ok(())
}

/// The NIK is no longer active here (death, move, missing).
pub fn release_nik(conn: &mut DbConn, tenant: &TenantId, nik: &str) -> Result<()> {
    diesel::delete(
        nik_registry::table
            .filter(nik_registry::nik.eq(nik))
            .filter(nik_registry::desa_id.eq(tenant.as_str())),
    )
    .execute(conn)?;
    Ok(())
}

pub fn insert(
    conn: &mut DbConn,
    tenant: &TenantId,
    r: &NewResident,
    now: NaiveDateTime,
) -> Result<Resident> {
    let id = ids::new_id();
    claim_nik(conn, tenant, r.nik.as_str(), &id)?;
    diesel::insert_into(residents::table)
        .values(crate::bulk::ResidentRecord::new(
            tenant.as_str(),
            id.clone(),
            r,
            now,
        ))
        .execute(conn)?;
    super::words::replace(conn, tenant, &id, &r.name)?;
    get(conn, tenant, &id)?.ok_or_else(|| Error::Internal("penduduk baru hilang".into()))
}

pub fn get(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Option<Resident>> {
    Ok(residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::id.eq(id))
        .select(Resident::as_select())
        .first(conn)
        .optional()?)
}

/// The living resident of this desa with this NIK (at most one: the NIK registry sees to it).
pub fn living_by_nik(conn: &mut DbConn, tenant: &TenantId, nik: &str) -> Result<Option<Resident>> {
    Ok(residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::nik.eq(nik))
        .filter(residents::status.eq(crate::codes::status::HIDUP))
        .select(Resident::as_select())
        .first(conn)
        .optional()?)
}

/// The first living head of a family by NIK: the demonstration's villager.
pub fn first_living_head(conn: &mut DbConn, tenant: &TenantId) -> Result<Option<Resident>> {
    Ok(residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::status.eq(crate::codes::status::HIDUP))
        .filter(residents::shdk.eq(crate::codes::KEPALA_KELUARGA))
        .order(residents::nik.asc())
        .select(Resident::as_select())
        .first(conn)
        .optional()?)
}

/// The resident, or a 404 that does not say whether the id exists in another desa.
pub fn require(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Resident> {
    get(conn, tenant, id)?.ok_or_else(|| Error::NotFound("Penduduk".into()))
}

/// Residents by id, in chunks that stay under the backends' limits on bound parameters.
pub fn by_ids(conn: &mut DbConn, tenant: &TenantId, ids: &[&str]) -> Result<Vec<Resident>> {
    let mut all = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        all.extend(
            residents::table
                .filter(residents::desa_id.eq(tenant.as_str()))
                .filter(residents::id.eq_any(chunk))
                .select(Resident::as_select())
                .load(conn)?,
        );
    }
    Ok(all)
}

pub fn members_of(conn: &mut DbConn, tenant: &TenantId, family_id: &str) -> Result<Vec<Resident>> {
    Ok(residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::family_id.eq(family_id))
        .select(Resident::as_select())
        .order((residents::shdk, residents::birth_date))
        .load(conn)?)
}

/// Writes a corrected record back (every field; the caller has merged and checked them).
pub fn save(conn: &mut DbConn, tenant: &TenantId, r: &Resident, now: NaiveDateTime) -> Result<()> {
    diesel::update(
        residents::table
            .filter(residents::desa_id.eq(tenant.as_str()))
            .filter(residents::id.eq(&r.id)),
    )
    .set((
        (
            residents::nik.eq(&r.nik),
            residents::name.eq(&r.name),
            residents::name_search.eq(r.name.to_lowercase()),
            residents::sex.eq(r.sex),
            residents::birth_place.eq(&r.birth_place),
            residents::birth_date.eq(r.birth_date),
            residents::religion.eq(r.religion),
            residents::education.eq(r.education),
            residents::occupation.eq(r.occupation),
            residents::marital_status.eq(r.marital_status),
            residents::shdk.eq(r.shdk),
            residents::citizenship.eq(r.citizenship),
            residents::blood_type.eq(r.blood_type),
            residents::disability.eq(r.disability),
        ),
        (
            residents::father_name.eq(&r.father_name),
            residents::mother_name.eq(&r.mother_name),
            residents::father_nik.eq(&r.father_nik),
            residents::mother_nik.eq(&r.mother_nik),
            residents::father_id.eq(&r.father_id),
            residents::mother_id.eq(&r.mother_id),
            residents::family_id.eq(&r.family_id),
            residents::area_id.eq(&r.area_id),
            residents::address.eq(&r.address),
            residents::phone.eq(&r.phone),
            residents::email.eq(&r.email),
            residents::birth_cert_no.eq(&r.birth_cert_no),
            residents::status.eq(r.status),
            residents::status_changed_on.eq(r.status_changed_on),
            residents::updated_at.eq(now),
        ),
        (
            residents::ktp_status.eq(r.ktp_status),
            residents::chronic_illness.eq(r.chronic_illness),
            residents::kb_method.eq(r.kb_method),
            residents::health_insurance.eq(r.health_insurance),
        ),
    ))
    .execute(conn)?;
    super::words::replace(conn, tenant, &r.id, &r.name)
}
