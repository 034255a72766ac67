//! Importing residents from CSV or XLSX: a documented column layout, the habits of files saved
//! by Excel, every problem reported as `{row, column, message}`, and all-or-nothing writes
//! that a repeated import of the same file does not repeat.

mod api;
mod apply;
mod columns;
mod pages;
mod rows;
mod sheet;

use std::sync::Arc;

use serde::Serialize;
use sid_core::auth::User;
use sid_core::db::Db;
use sid_core::{Error, Result, TenantId};

pub use api::{configure, ImportDoc};
pub use columns::{column_names, columns, template_csv};
pub use pages::configure as configure_pages;

/// Largest file accepted.
pub const MAX_FILE: usize = 10 * 1024 * 1024;

/// Told how far the import is: (stage, done, of).
pub type Progress = Arc<dyn Fn(&'static str, u64, u64) + Send + Sync>;

/// What an import found and did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub dry_run: bool,
    /// Data rows in the file.
    pub rows: usize,
    /// Residents written (on a dry run: that would be written).
    pub created: usize,
    /// Rows already stored exactly so (a repeated import).
    pub unchanged: usize,
    pub families_created: usize,
    /// Every problem; a real import with any writes nothing.
    pub problems: Vec<sid_core::RowError>,
}

/// Reads, checks and (unless `dry_run`) stores a file for one desa.
pub async fn run(
    db: &Db,
    tenant: &TenantId,
    actor: User,
    file: Vec<u8>,
    dry_run: bool,
    progress: Progress,
) -> Result<Report> {
    let (parsed, mut problems) = actix_web::web::block({
        let progress = progress.clone();
        move || -> Result<_> {
            let sheet = sheet::read(&file)?;
            Ok(rows::parse(&sheet, &progress))
        }
    })
    .await
    .map_err(Error::internal)??;
    let total = parsed.len()
        + problems
            .iter()
            .map(|p| p.row)
            .collect::<std::collections::HashSet<_>>()
            .len();
    let niks: Vec<String> = parsed
        .iter()
        .map(|r| r.resident.nik.as_str().to_string())
        .collect();
    let elsewhere = db
        .global_read({
            let tenant = tenant.clone();
            move |conn| apply::active_elsewhere(conn, &tenant, &niks)
        })
        .await?;
    db.nik_probed(tenant, &actor, elsewhere.iter().cloned().collect())
        .await?;
    let outcome = db
        .tenant(tenant, move |conn, tenant| {
            let outcome = apply::apply(
                conn,
                tenant,
                &actor,
                parsed,
                &elsewhere,
                dry_run || !problems.is_empty(),
                &progress,
            )?;
            problems.extend(outcome.problems.iter().cloned());
            problems.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
            if !dry_run && !problems.is_empty() {
                // Rolls the whole transaction back: nothing of the file is kept.
                return Err(Error::Rows(problems));
            }
            Ok((outcome, problems))
        })
        .await?;
    let (outcome, problems) = outcome;
    if !dry_run && outcome.created > 0 {
        db.analyze(&[
            "residents",
            "resident_words",
            "resident_figures",
            "families",
            "areas",
        ])
        .await?;
    }
    Ok(Report {
        dry_run,
        rows: total,
        created: outcome.created,
        unchanged: outcome.unchanged,
        families_created: outcome.families_created,
        problems,
    })
}
