//! Projects and their progress reports in the database.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::pagination::PageParams;
use sid_core::schema::{project_reports, projects};
use sid_core::{Error, Result, TenantId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = projects, treat_none_as_null = true)]
pub struct Project {
    pub desa_id: String,
    pub id: String,
    pub name: String,
    pub location: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub funding: String,
    pub budget: i64,
    pub implementer: String,
    /// The fiscal year: the year the work starts.
    pub year: i32,
    pub start_on: NaiveDate,
    pub end_on: NaiveDate,
    pub progress: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = project_reports)]
pub struct Report {
    pub desa_id: String,
    pub id: String,
    pub project_id: String,
    pub reported_on: NaiveDate,
    pub progress: i32,
    pub note: String,
    pub photo_width: Option<i32>,
    pub photo_height: Option<i32>,
    pub created_at: NaiveDateTime,
}

/// The budget of every project of every desa, with its desa id; read with no desa set (a few
/// numbers a desa: summed by the caller, the same on both backends).
pub fn budgets(conn: &mut DbConn) -> Result<Vec<(String, i64)>> {
    Ok(projects::table
        .select((projects::desa_id, projects::budget))
        .load(conn)?)
}

/// How many projects the desa has recorded.
pub fn count(conn: &mut DbConn, tenant: &TenantId) -> Result<i64> {
    Ok(projects::table
        .filter(projects::desa_id.eq(tenant.as_str()))
        .count()
        .get_result(conn)?)
}

pub fn insert(conn: &mut DbConn, p: &Project) -> Result<()> {
    diesel::insert_into(projects::table)
        .values(p)
        .execute(conn)?;
    Ok(())
}

pub fn save(conn: &mut DbConn, tenant: &TenantId, p: &Project) -> Result<()> {
    diesel::update(
        projects::table
            .filter(projects::desa_id.eq(tenant.as_str()))
            .filter(projects::id.eq(&p.id)),
    )
    .set(p)
    .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Project> {
    projects::table
        .filter(projects::desa_id.eq(tenant.as_str()))
        .filter(projects::id.eq(id))
        .select(Project::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::NotFound("Kegiatan pembangunan".into()))
}

/// Deletes a project with its reports; returns the reports that had a photo.
pub fn delete(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<Vec<String>> {
    let photos: Vec<String> = project_reports::table
        .filter(project_reports::desa_id.eq(tenant.as_str()))
        .filter(project_reports::project_id.eq(id))
        .filter(project_reports::photo_width.is_not_null())
        .select(project_reports::id)
        .load(conn)?;
    diesel::delete(
        project_reports::table
            .filter(project_reports::desa_id.eq(tenant.as_str()))
            .filter(project_reports::project_id.eq(id)),
    )
    .execute(conn)?;
    diesel::delete(
        projects::table
            .filter(projects::desa_id.eq(tenant.as_str()))
            .filter(projects::id.eq(id)),
    )
    .execute(conn)?;
    Ok(photos)
}

/// A page of the desa's projects (of one year if asked), the latest start first, with the total.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    year: Option<i32>,
    page: &PageParams,
) -> Result<(Vec<Project>, i64)> {
    let query = || {
        let mut q = projects::table
            .filter(projects::desa_id.eq(tenant.as_str()))
            .into_boxed();
        if let Some(y) = year {
            q = q.filter(projects::year.eq(y));
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows = query()
        .order((
            projects::year.desc(),
            projects::start_on.desc(),
            projects::id,
        ))
        .select(Project::as_select())
        .limit(page.limit())
        .offset(page.offset())
        .load(conn)?;
    Ok((rows, total))
}

/// Budgets summed per year and fund, the latest year first: `(year, funding, projects, budget)`.
/// Summed here: a desa records tens of projects a year, and SQL's sum of a BIGINT is a NUMERIC
/// that the two backends give back differently.
pub fn sums(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<(i32, String, i64, i64)>> {
    let rows: Vec<(i32, String, i64)> = projects::table
        .filter(projects::desa_id.eq(tenant.as_str()))
        .select((projects::year, projects::funding, projects::budget))
        .load(conn)?;
    let mut sums: std::collections::BTreeMap<(std::cmp::Reverse<i32>, String), (i64, i64)> =
        std::collections::BTreeMap::new();
    for (year, funding, budget) in rows {
        let slot = sums.entry((std::cmp::Reverse(year), funding)).or_default();
        slot.0 += 1;
        slot.1 += budget;
    }
    Ok(sums
        .into_iter()
        .map(|((year, funding), (n, budget))| (year.0, funding, n, budget))
        .collect())
}

pub fn add_report(conn: &mut DbConn, r: &Report) -> Result<()> {
    diesel::insert_into(project_reports::table)
        .values(r)
        .execute(conn)?;
    Ok(())
}

/// A project's reports, the latest first.
pub fn reports(conn: &mut DbConn, tenant: &TenantId, project_id: &str) -> Result<Vec<Report>> {
    Ok(project_reports::table
        .filter(project_reports::desa_id.eq(tenant.as_str()))
        .filter(project_reports::project_id.eq(project_id))
        .order((
            project_reports::reported_on.desc(),
            project_reports::created_at.desc(),
        ))
        .select(Report::as_select())
        .load(conn)?)
}

pub fn find_report(
    conn: &mut DbConn,
    tenant: &TenantId,
    project_id: &str,
    id: &str,
) -> Result<Report> {
    project_reports::table
        .filter(project_reports::desa_id.eq(tenant.as_str()))
        .filter(project_reports::project_id.eq(project_id))
        .filter(project_reports::id.eq(id))
        .select(Report::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::NotFound("Laporan kemajuan".into()))
}

/// Records that a report has its photo, of the size given.
pub fn set_photo(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &str,
    width: i32,
    height: i32,
) -> Result<()> {
    diesel::update(
        project_reports::table
            .filter(project_reports::desa_id.eq(tenant.as_str()))
            .filter(project_reports::id.eq(id)),
    )
    .set((
        project_reports::photo_width.eq(width),
        project_reports::photo_height.eq(height),
    ))
    .execute(conn)?;
    Ok(())
}

/// Whether `id` is a report of the desa with a photo (the photo store also holds other photos).
pub fn has_photo(conn: &mut DbConn, tenant: &TenantId, id: &str) -> Result<bool> {
    let n: i64 = project_reports::table
        .filter(project_reports::desa_id.eq(tenant.as_str()))
        .filter(project_reports::id.eq(id))
        .filter(project_reports::photo_width.is_not_null())
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
