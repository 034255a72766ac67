//! The desa's static pages in the database.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::schema::site_pages;
use sid_core::{Error, Result, TenantId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = site_pages)]
pub struct SitePage {
    pub desa_id: String,
    pub id: String,
    pub slug: String,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub position: i32,
    pub published: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Stores a new page; a slug the desa already uses is refused with the way out.
pub fn insert(conn: &mut DbConn, tenant: &TenantId, p: &SitePage) -> Result<()> {
    let taken: i64 = site_pages::table
        .filter(site_pages::desa_id.eq(tenant.as_str()))
        .filter(site_pages::slug.eq(&p.slug))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(Error::Conflict(format!(
            "Halaman dengan alamat /halaman/{} sudah ada; ubah halaman itu atau pakai judul lain.",
            p.slug
        )));
    }
    diesel::insert_into(site_pages::table)
        .values(p)
        .execute(conn)?;
    Ok(())
}

pub fn save(conn: &mut DbConn, tenant: &TenantId, p: &SitePage) -> Result<()> {
    diesel::update(
        site_pages::table
            .filter(site_pages::desa_id.eq(tenant.as_str()))
            .filter(site_pages::id.eq(&p.id)),
    )
    .set(p)
    .execute(conn)?;
    Ok(())
}

/// The desa's page by id or by slug.
pub fn find(conn: &mut DbConn, tenant: &TenantId, key: &str) -> Result<SitePage> {
    site_pages::table
        .filter(site_pages::desa_id.eq(tenant.as_str()))
        .filter(site_pages::id.eq(key).or(site_pages::slug.eq(key)))
        .select(SitePage::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::NotFound("Halaman".into()))
}

pub fn delete(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<()> {
    diesel::delete(
        site_pages::table
            .filter(site_pages::desa_id.eq(tenant.as_str()))
            .filter(site_pages::id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}

/// The desa's pages in their order (a desa has a handful: no paging); drafts only if asked.
pub fn list(conn: &mut DbConn, tenant: &TenantId, drafts: bool) -> Result<Vec<SitePage>> {
    let mut q = site_pages::table
        .filter(site_pages::desa_id.eq(tenant.as_str()))
        .into_boxed();
    if !drafts {
        q = q.filter(site_pages::published.eq(true));
    }
    Ok(q.order((site_pages::position, site_pages::title))
        .select(SitePage::as_select())
        .load(conn)?)
}
