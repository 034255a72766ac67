use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::pagination::{CountOver, PageParams};
use sid_core::schema::{products, residents, sellers, users};
use sid_core::{Error, Result, TenantId};

use super::Seller;

pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Seller> {
    sellers::table
        .filter(sellers::desa_id.eq(tenant.as_str()))
        .filter(sellers::id.eq(id))
        .select(Seller::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::NotFound("Penjual".into()))
}

/// One page of the desa's sellers, by name.
pub fn list(conn: &mut DbConn, tenant: &TenantId, page: &PageParams) -> Result<(Vec<Seller>, i64)> {
    let rows: Vec<(Seller, i64)> = sellers::table
        .filter(sellers::desa_id.eq(tenant.as_str()))
        .select((Seller::as_select(), CountOver))
        .order((sellers::name.asc(), sellers::id.asc()))
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    let total = rows.first().map_or(0, |r| r.1);
    Ok((rows.into_iter().map(|r| r.0).collect(), total))
}

/// Every seller's id and name, for the product form's choice.
pub fn names(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<(String, String)>> {
    Ok(sellers::table
        .filter(sellers::desa_id.eq(tenant.as_str()))
        .select((sellers::id, sellers::name))
        .order(sellers::name.asc())
        .load(conn)?)
}

/// The name of a resident of this desa, to link a seller's owner to; refused when the
/// resident is not one of this desa's.
pub fn resident_name(conn: &mut DbConn, tenant: &TenantId, resident_id: &str) -> Result<String> {
    residents::table
        .filter(residents::desa_id.eq(tenant.as_str()))
        .filter(residents::id.eq(resident_id))
        .select(residents::name)
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::invalid("resident_id", "tidak ada penduduk ini di desa ini"))
}

pub fn insert(conn: &mut DbConn, tenant: &TenantId, s: &Seller) -> Result<()> {
    diesel::insert_into(sellers::table)
        .values((
            sellers::desa_id.eq(tenant.as_str()),
            values(s),
            sellers::id.eq(&s.id),
            sellers::created_at.eq(s.created_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn save(conn: &mut DbConn, tenant: &TenantId, s: &Seller) -> Result<()> {
    diesel::update(
        sellers::table
            .filter(sellers::desa_id.eq(tenant.as_str()))
            .filter(sellers::id.eq(&s.id)),
    )
    .set(values(s))
    .execute(conn)?;
    Ok(())
}

type Values<'a> = (
    diesel::dsl::Eq<sellers::name, &'a String>,
    diesel::dsl::Eq<sellers::owner_name, &'a Option<String>>,
    diesel::dsl::Eq<sellers::resident_id, &'a Option<String>>,
    diesel::dsl::Eq<sellers::whatsapp, &'a str>,
    diesel::dsl::Eq<sellers::address, &'a Option<String>>,
    diesel::dsl::Eq<sellers::description, &'a Option<String>>,
    diesel::dsl::Eq<sellers::photo_id, &'a Option<String>>,
    diesel::dsl::Eq<sellers::nib, &'a Option<String>>,
    diesel::dsl::Eq<sellers::pirt, &'a Option<String>>,
    diesel::dsl::Eq<sellers::halal, &'a Option<String>>,
    diesel::dsl::Eq<sellers::updated_at, chrono::NaiveDateTime>,
);

fn values(s: &Seller) -> Values<'_> {
    (
        sellers::name.eq(&s.name),
        sellers::owner_name.eq(&s.owner_name),
        sellers::resident_id.eq(&s.resident_id),
        sellers::whatsapp.eq(s.whatsapp.as_str()),
        sellers::address.eq(&s.address),
        sellers::description.eq(&s.description),
        sellers::photo_id.eq(&s.photo_id),
        sellers::nib.eq(&s.nib),
        sellers::pirt.eq(&s.pirt),
        sellers::halal.eq(&s.halal),
        sellers::updated_at.eq(s.updated_at),
    )
}

/// Removes a seller that has no products and no account left.
pub fn delete(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<()> {
    let products: i64 = products::table
        .filter(products::desa_id.eq(tenant.as_str()))
        .filter(products::seller_id.eq(id))
        .count()
        .get_result(conn)?;
    if products > 0 {
        return Err(Error::Conflict(format!(
            "Penjual ini masih punya {products} produk; hapus produknya terlebih dahulu."
        )));
    }
    let accounts: i64 = users::table
        .filter(users::seller_id.eq(id))
        .count()
        .get_result(conn)?;
    if accounts > 0 {
        return Err(Error::Conflict(
            "Penjual ini punya akun masuk; nonaktifkan akunnya di daftar akun desa, penjualnya tetap tercatat."
                .into(),
        ));
    }
    diesel::delete(
        sellers::table
            .filter(sellers::desa_id.eq(tenant.as_str()))
            .filter(sellers::id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}

/// The user name of the seller's account, if it has one.
pub fn account(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Option<String>> {
    Ok(users::table
        .filter(users::desa_id.eq(tenant.as_str()))
        .filter(users::seller_id.eq(id))
        .select(users::username)
        .first(conn)
        .optional()?)
}
