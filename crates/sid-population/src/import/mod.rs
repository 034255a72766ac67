//! Importing residents from the files desa already hold: our template, OpenSID's layout, SIAK's
//! export and the Buku Induk, as CSV, XLSX/XLSM or Excel 97, each recognised by its header. The
//! report says which columns were read into what, which labels were read through variant
//! spellings and every refused row with its reason; writes are all or nothing unless the
//! operator, having read the refusals, asks for the valid rows alone.

mod api;
mod apply;
mod columns;
mod field;
mod labels;
pub mod layouts;
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
pub use layouts::{ColumnUse, Layout};
pub use pages::configure as configure_pages;
pub use rows::Variant;

/// Largest file accepted.
pub const MAX_FILE: usize = 10 * 1024 * 1024;

/// Told how far the import is: (stage, done, of).
pub type Progress = Arc<dyn Fn(&'static str, u64, u64) + Send + Sync>;

/// What an import found and did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub dry_run: bool,
    /// The layout recognised by the header.
    pub layout: Layout,
    /// The layout's name, for people.
    pub layout_title: &'static str,
    /// Row number of the header in the file.
    pub header_row: usize,
    /// Every titled column of the file and the field it is read into (none: not stored).
    pub columns: Vec<ColumnUse>,
    /// Labels read through a variant spelling ("Tdk Th" as TIDAK TAHU).
    pub variants: Vec<Variant>,
    /// Data rows in the file.
    pub rows: usize,
    /// Residents written (on a dry run: that would be written).
    pub created: usize,
    /// Of them, by status dasar (HIDUP, MATI, PINDAH, ...).
    pub by_status: std::collections::BTreeMap<String, usize>,
    /// Rows already stored exactly so (a repeated import).
    pub unchanged: usize,
    pub families_created: usize,
    /// Dusun/RW/RT written (on a dry run: that would be).
    pub areas_created: usize,
    /// Rows refused and left out (only with `skip_refused`).
    pub skipped: usize,
    /// The first rows as they will be stored.
    pub preview: Vec<PreviewRow>,
    /// Every problem; a real import with any writes nothing, unless `skip_refused`.
    pub problems: Vec<sid_core::RowError>,
}

/// A row as it will be stored, labels written out.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PreviewRow {
    pub row: usize,
    pub no_kk: String,
    pub nik: String,
    pub nama: String,
    pub jenis_kelamin: &'static str,
    pub tanggal_lahir: chrono::NaiveDate,
    pub agama: String,
    pub shdk: String,
    pub status_dasar: String,
    /// "dusun, RW rw, RT rt" when given.
    pub wilayah: Option<String>,
}

const PREVIEW: usize = 10;

fn preview(row: &rows::ImportRow) -> PreviewRow {
    let name = |list: &str, code: i32| crate::codes::name(list, code).unwrap_or("").to_string();
    let r = &row.resident;
    PreviewRow {
        row: row.row,
        no_kk: row.no_kk.as_str().to_string(),
        nik: r.nik.as_str().to_string(),
        nama: r.name.clone(),
        jenis_kelamin: r.sex.label(),
        tanggal_lahir: r.birth_date,
        agama: name("agama", r.religion),
        shdk: name("shdk", r.shdk),
        status_dasar: name("status_dasar", row.status),
        wilayah: row
            .area
            .as_ref()
            .map(|(d, rw, rt)| format!("{d}, RW {rw}, RT {rt}")),
    }
}

/// How an import writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mode {
    /// Check only; write nothing.
    pub dry_run: bool,
    /// Write the valid rows and leave the refused ones out (they are still reported).
    pub skip_refused: bool,
}

/// Reads, checks and (unless a dry run) stores a file for one desa.
pub async fn run(
    db: &Db,
    tenant: &TenantId,
    actor: User,
    file: Vec<u8>,
    mode: Mode,
    progress: Progress,
) -> Result<Report> {
    let (table, parsed) = actix_web::web::block({
        let progress = progress.clone();
        move || -> Result<_> {
            let sheet = sheet::read(&file)?;
            let table = layouts::recognise(&sheet).map_err(|(row, layout, missing)| {
                Error::Rows(
                    missing
                        .into_iter()
                        .map(|column| sid_core::RowError {
                            row,
                            column: column.to_string(),
                            message: format!(
                                "kolom wajib tidak ada di baris judul (paling mirip: {}; lihat \
                                 templat)",
                                layout.title()
                            ),
                        })
                        .collect(),
                )
            })?;
            let parsed = rows::parse(&table, &progress);
            Ok((table, parsed))
        }
    })
    .await
    .map_err(Error::internal)??;
    let rows::Parsed {
        valid,
        mut problems,
        variants,
    } = parsed;
    let total = valid.len()
        + problems
            .iter()
            .map(|p| p.row)
            .collect::<std::collections::HashSet<_>>()
            .len();
    let niks: Vec<String> = valid
        .iter()
        .filter(|r| r.status == crate::codes::status::HIDUP)
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
    let first_rows: Vec<PreviewRow> = valid.iter().take(PREVIEW).map(preview).collect();
    let (outcome, problems) = db
        .tenant(tenant, move |conn, tenant| {
            let mut rows = valid;
            // With `skip_refused` the rows the checks against the desa refuse are left out and
            // the rest checked again: leaving out a head can leave a card without one.
            let outcome = loop {
                let hold = mode.dry_run || !problems.is_empty() && !mode.skip_refused;
                let outcome =
                    apply::apply(conn, tenant, &actor, &rows, &elsewhere, hold, &progress)?;
                if outcome.problems.is_empty() || !mode.skip_refused {
                    break outcome;
                }
                let refused: std::collections::HashSet<usize> =
                    outcome.problems.iter().map(|p| p.row).collect();
                rows.retain(|r| !refused.contains(&r.row));
                problems.extend(outcome.problems);
            };
            problems.extend(outcome.problems.iter().cloned());
            problems.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
            if !mode.dry_run && !mode.skip_refused && !problems.is_empty() {
                // Rolls the whole transaction back: nothing of the file is kept.
                return Err(Error::Rows(problems));
            }
            Ok((outcome, problems))
        })
        .await?;
    if !mode.dry_run && outcome.created > 0 {
        db.analyze(&[
            "residents",
            "resident_words",
            "resident_figures",
            "area_figures",
            "family_sizes",
            "population_events",
            "families",
            "areas",
        ])
        .await?;
    }
    let refused: std::collections::HashSet<usize> = problems.iter().map(|p| p.row).collect();
    Ok(Report {
        dry_run: mode.dry_run,
        layout: table.layout,
        layout_title: table.layout.title(),
        header_row: table.header_row,
        columns: table.columns(),
        variants,
        rows: total,
        created: outcome.created,
        by_status: outcome.by_status,
        unchanged: outcome.unchanged,
        families_created: outcome.families_created,
        areas_created: outcome.areas_created,
        skipped: if mode.skip_refused && !mode.dry_run {
            refused.len()
        } else {
            0
        },
        preview: first_rows,
        problems,
    })
}
