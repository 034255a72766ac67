use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::schema::{families, residents};
use sid_core::{ids, Error, Result, TenantId};

use crate::codes::KEPALA_KELUARGA;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = families)]
pub struct Family {
    pub id: String,
    pub no_kk: String,
    pub head_id: Option<String>,
    pub address: String,
    pub area_id: Option<String>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The id of the desa's active card with this number.
pub fn active_by_no_kk(
    conn: &mut DbConn,
    tenant: &TenantId,
    no_kk: &str,
) -> Result<Option<String>> {
    Ok(families::table
        .filter(families::desa_id.eq(tenant.as_str()))
        .filter(families::no_kk.eq(no_kk))
        .filter(families::active.eq(true))
        .select(families::id)
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Option<Family>> {
    Ok(families::table
        .filter(families::desa_id.eq(tenant.as_str()))
        .filter(families::id.eq(id))
        .select(Family::as_select())
        .first(conn)
        .optional()?)
}

/// The family, for an input field that names it: an unknown id is that field's error.
pub fn require(conn: &mut DbConn, tenant: &TenantId, id: &str, field: &str) -> Result<Family> {
    find(conn, tenant, id)?
        .filter(|f| f.active)
        .ok_or_else(|| Error::invalid(field, "keluarga tidak ditemukan di desa ini"))
}

pub fn insert(
    conn: &mut DbConn,
    tenant: &TenantId,
    no_kk: &str,
    address: &str,
    area_id: Option<&str>,
    now: NaiveDateTime,
) -> Result<Family> {
    let taken: i64 = families::table
        .filter(families::desa_id.eq(tenant.as_str()))
        .filter(families::no_kk.eq(no_kk))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(Error::Conflict(format!(
            "No KK {no_kk} sudah terdaftar di desa ini."
        )));
    }
    let id = ids::new_id();
    diesel::insert_into(families::table)
        .values((
            families::desa_id.eq(tenant.as_str()),
            families::id.eq(&id),
            families::no_kk.eq(no_kk),
            families::address.eq(address),
            families::area_id.eq(area_id),
            families::active.eq(true),
            families::created_at.eq(now),
            families::updated_at.eq(now),
        ))
        .execute(conn)?;
    find(conn, tenant, &id)?.ok_or_else(|| Error::Internal("keluarga baru hilang".into()))
}

/// Puts a resident into a family with a relationship (SHDK); the head is also recorded on the card.
pub fn place(
    conn: &mut DbConn,
    tenant: &TenantId,
    family_id: Option<&str>,
    resident_id: &str,
    shdk: i32,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::update(
        residents::table
            .filter(residents::desa_id.eq(tenant.as_str()))
            .filter(residents::id.eq(resident_id)),
    )
    .set((
        residents::family_id.eq(family_id),
        residents::shdk.eq(shdk),
        residents::updated_at.eq(now),
    ))
    .execute(conn)?;
    if let (Some(family_id), KEPALA_KELUARGA) = (family_id, shdk) {
        diesel::update(
            families::table
                .filter(families::desa_id.eq(tenant.as_str()))
                .filter(families::id.eq(family_id)),
        )
        .set((
            families::head_id.eq(resident_id),
            families::updated_at.eq(now),
        ))
        .execute(conn)?;
    }
    Ok(())
}

/// A card without living members is closed.
pub fn close_if_empty(
    conn: &mut DbConn,
    tenant: &TenantId,
    family_id: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let living: i64 = residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::family_id.eq(family_id))
        .filter(residents::status.eq(crate::codes::status::HIDUP))
        .count()
        .get_result(conn)?;
    if living == 0 {
        diesel::update(
            families::table
                .filter(families::desa_id.eq(tenant.as_str()))
                .filter(families::id.eq(family_id)),
        )
        .set((families::active.eq(false), families::updated_at.eq(now)))
        .execute(conn)?;
    }
    Ok(())
}

/// One row of the family list: the card, its head and how many living members it has.
#[derive(Debug, Clone, Serialize, Queryable, utoipa::ToSchema)]
pub struct FamilyRow {
    pub id: String,
    pub no_kk: String,
    pub address: String,
    pub head_id: Option<String>,
    pub head_name: Option<String>,
    pub head_nik: Option<String>,
    pub members: i64,
}

/// A card of the list before its members are counted: id, No KK, address, head's id, name, NIK.
type CardRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The active cards of the desa, by No KK (its beginning) or the head's name (a part of it).
macro_rules! cards {
    ($tenant:expr, $q:expr, $columns:expr) => {{
        let mut query = families::table
            .filter(families::desa_id.eq($tenant.as_str()))
            .filter(families::active.eq(true))
            .select($columns)
            .into_boxed();
        if let Some(q) = $q.map(str::trim).filter(|q| !q.is_empty()) {
            if q.chars().all(|c| c.is_ascii_digit()) {
                query = query.filter(families::no_kk.like(format!("{q}%")));
            } else {
                let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_', '\\'], ""));
                query = query.filter(
                    families::head_id.eq_any(
                        residents::table
                            .filter(residents::desa_id.eq($tenant.as_str()))
                            .filter(residents::name_search.like(pattern))
                            .select(residents::id.nullable()),
                    ),
                );
            }
        }
        query
    }};
}

/// One page of active families (by No KK or the head's name), rows first: the page's ids in
/// No KK order from the index, then the head and member count of those cards only, then the
/// total.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    q: Option<&str>,
    page: &PageParams,
) -> Result<(Vec<FamilyRow>, i64)> {
    let ids: Vec<String> = cards!(tenant, q, families::id)
        .order((families::no_kk, families::id))
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    let total: i64 = cards!(tenant, q, diesel::dsl::count_star()).first(conn)?;
    if ids.is_empty() {
        return Ok((Vec::new(), total));
    }
    let cards: Vec<CardRow> = families::table
        .left_join(
            residents::table.on(residents::desa_id
                .eq(families::desa_id)
                .and(families::head_id.eq(residents::id.nullable()))),
        )
        .filter(families::desa_id.eq(tenant.as_str()))
        .filter(families::id.eq_any(&ids))
        .select((
            families::id,
            families::no_kk,
            families::address,
            families::head_id,
            residents::name.nullable(),
            residents::nik.nullable(),
        ))
        .order((families::no_kk, families::id))
        .load(conn)?;
    // The living members of these cards, read by the cards' index and counted here: a status
    // condition in the statement would let a planner without statistics take the status
    // index instead and read the whole desa.
    let mut members: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for (family, state) in residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::family_id.eq_any(&ids))
        .select((residents::family_id, residents::status))
        .load::<(Option<String>, i32)>(conn)?
    {
        if let (Some(family), crate::codes::status::HIDUP) = (family, state) {
            *members.entry(family).or_default() += 1;
        }
    }
    let rows = cards
        .into_iter()
        .map(
            |(id, no_kk, address, head_id, head_name, head_nik)| FamilyRow {
                members: members.get(&id).copied().unwrap_or(0),
                id,
                no_kk,
                address,
                head_id,
                head_name,
                head_nik,
            },
        )
        .collect();
    Ok((rows, total))
}
