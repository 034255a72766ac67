//! Articles in the database: one desa's (for its site and its staff) and, for the regency's news
//! page, every desa's published ones.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::schema::articles;
use sid_core::{Error, Result, TenantId};

use super::category::Category;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = articles)]
pub struct Article {
    pub desa_id: String,
    pub id: String,
    pub slug: String,
    pub category: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub body_html: String,
    pub published: bool,
    pub publish_at: Option<NaiveDateTime>,
    pub author: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The cover photo's id (a new one at each upload, so its address never shows another).
    pub cover: Option<String>,
    pub cover_width: Option<i32>,
    pub cover_height: Option<i32>,
}

impl Article {
    /// Whether the public sees it at `now`: published, and its time has come.
    pub fn shown_at(&self, now: NaiveDateTime) -> bool {
        self.published && self.publish_at.is_some_and(|at| at <= now)
    }
}

/// Whose list: the public's (what is shown at the moment) or the desa's staff's (everything).
#[derive(Debug, Clone, Copy)]
pub enum Readers {
    Public(NaiveDateTime),
    Staff,
}

/// A slug for `title` not yet taken in the desa (`-2`, `-3`, … added when it is).
pub fn free_slug(conn: &mut DbConn, tenant: &TenantId, title: &str) -> Result<String> {
    let mut base = slug::slugify(title);
    base.truncate(80);
    let base = match base.trim_end_matches('-') {
        "" => "artikel".to_string(),
        b => b.to_string(),
    };
    let taken: Vec<String> = articles::table
        .filter(articles::desa_id.eq(tenant.as_str()))
        .filter(articles::slug.like(format!("{base}%")))
        .select(articles::slug)
        .load(conn)?;
    Ok((1..)
        .map(|n| match n {
            1 => base.clone(),
            n => format!("{base}-{n}"),
        })
        .find(|s| !taken.contains(s))
        .unwrap_or(base))
}

pub fn insert(conn: &mut DbConn, a: &Article) -> Result<()> {
    diesel::insert_into(articles::table)
        .values(a)
        .execute(conn)?;
    Ok(())
}

pub fn save(conn: &mut DbConn, tenant: &TenantId, a: &Article) -> Result<()> {
    diesel::update(
        articles::table
            .filter(articles::desa_id.eq(tenant.as_str()))
            .filter(articles::id.eq(&a.id)),
    )
    .set(a)
    .execute(conn)?;
    Ok(())
}

/// The desa's article by id or by slug.
pub fn find(conn: &mut DbConn, tenant: &TenantId, key: &str) -> Result<Article> {
    articles::table
        .filter(articles::desa_id.eq(tenant.as_str()))
        .filter(articles::id.eq(key).or(articles::slug.eq(key)))
        .select(Article::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::NotFound("Artikel".into()))
}

/// Sets or removes the article's cover (the `AsChangeset` of [`Article`] leaves `None` alone).
pub fn set_cover(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    cover: Option<(String, i32, i32)>,
    now: NaiveDateTime,
) -> Result<()> {
    let (photo, width, height) = match cover {
        Some((photo, w, h)) => (Some(photo), Some(w), Some(h)),
        None => (None, None, None),
    };
    diesel::update(
        articles::table
            .filter(articles::desa_id.eq(tenant.as_str()))
            .filter(articles::id.eq(id)),
    )
    .set((
        articles::cover.eq(photo),
        articles::cover_width.eq(width),
        articles::cover_height.eq(height),
        articles::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

/// The desa's article whose cover is the photo `photo`.
pub fn with_cover(conn: &mut DbConn, tenant: &TenantId, photo: &str) -> Result<Option<Article>> {
    Ok(articles::table
        .filter(articles::desa_id.eq(tenant.as_str()))
        .filter(articles::cover.eq(photo))
        .select(Article::as_select())
        .first(conn)
        .optional()?)
}

pub fn delete(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<()> {
    diesel::delete(
        articles::table
            .filter(articles::desa_id.eq(tenant.as_str()))
            .filter(articles::id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}

/// A page of the desa's articles, newest first, with the total: for the public those shown
/// now (by the time they appeared), for staff all of them (by their last change).
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    readers: Readers,
    category: Option<Category>,
    page: &PageParams,
) -> Result<(Vec<Article>, i64)> {
    let query = || {
        let mut q = articles::table
            .filter(articles::desa_id.eq(tenant.as_str()))
            .into_boxed();
        if let Readers::Public(now) = readers {
            q = q
                .filter(articles::published.eq(true))
                .filter(articles::publish_at.le(now));
        }
        if let Some(c) = category {
            q = q.filter(articles::category.eq(c.code()));
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let ordered = match readers {
        Readers::Public(_) => query().order((articles::publish_at.desc(), articles::id.desc())),
        Readers::Staff => query().order((articles::updated_at.desc(), articles::id.desc())),
    };
    let rows = ordered
        .select(Article::as_select())
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    Ok((rows, total))
}

/// A page of every desa's articles shown now, newest first, optionally of one category and of
/// the desa given (a kecamatan's); read with no desa set.
pub fn across_desa(
    conn: &mut DbConn,
    now: NaiveDateTime,
    category: Option<Category>,
    desa_ids: Option<Vec<String>>,
    page: &PageParams,
) -> Result<(Vec<Article>, i64)> {
    let query = || {
        let mut q = articles::table
            .filter(articles::published.eq(true))
            .filter(articles::publish_at.le(now))
            .into_boxed();
        if let Some(c) = category {
            q = q.filter(articles::category.eq(c.code()));
        }
        if let Some(ids) = desa_ids.clone() {
            q = q.filter(articles::desa_id.eq_any(ids));
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows = query()
        .order((articles::publish_at.desc(), articles::id.desc()))
        .select(Article::as_select())
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    Ok((rows, total))
}

/// How many articles each desa shows at `now`, by desa id; read with no desa set.
pub fn shown_per_desa(
    conn: &mut DbConn,
    now: NaiveDateTime,
) -> Result<std::collections::HashMap<String, i64>> {
    let rows: Vec<(String, i64)> = articles::table
        .filter(articles::published.eq(true))
        .filter(articles::publish_at.le(now))
        .group_by(articles::desa_id)
        .select((articles::desa_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}
