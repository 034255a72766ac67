//! `sid import batch FOLDER`: Diskominfo loads many desa at once, one file per desa named by its
//! Kemendagri code (`3604052001.xls` or `36.04.05.2001.xlsx`) or slug, in any layout the import
//! reads. Each desa is all or nothing (or its valid rows, with `--skip-refused`); a bar shows
//! the files done, and a table closes with what each desa got.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sid_core::AppState;
use sid_population::import::{self, Mode};

use crate::StartError;

const EXTENSIONS: [&str; 4] = ["csv", "xlsx", "xlsm", "xls"];

/// One line of the closing table.
struct Line {
    file: String,
    desa: String,
    outcome: String,
    ok: bool,
}

pub async fn import_folder(state: &AppState, folder: &Path, mode: Mode) -> Result<(), StartError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(StartError::Config(format!(
            "tidak ada berkas CSV, XLSX, XLSM atau XLS di {}",
            folder.display()
        )));
    }
    let bar = indicatif::ProgressBar::new(files.len() as u64).with_style(
        indicatif::ProgressStyle::with_template("[{bar:40}] {pos}/{len} desa {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut lines = Vec::new();
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        bar.set_message(name.clone());
        let line = match state.directory.resolve_file(&name) {
            None => Line {
                file: name,
                desa: "-".into(),
                outcome: "desa tidak dikenal atau nonaktif (beri nama berkas kode Kemendagri)"
                    .into(),
                ok: false,
            },
            Some(desa) => {
                let bytes = std::fs::read(file)?;
                let result = if bytes.len() > import::MAX_FILE {
                    Err(sid_core::Error::PayloadTooLarge(format!(
                        "berkas melebihi {} MiB",
                        import::MAX_FILE / (1024 * 1024)
                    )))
                } else {
                    import::run(
                        &state.db,
                        &desa.tenant,
                        crate::cli_actor(),
                        bytes,
                        mode,
                        Arc::new(|_, _, _| {}),
                    )
                    .await
                };
                let (outcome, ok) = match result {
                    Ok(r) => (
                        format!(
                            "{}: {} baris, {} penduduk, {} KK, {} RT baru, {} sudah ada, {} ditolak",
                            r.layout_title,
                            r.rows,
                            r.created,
                            r.families_created,
                            r.areas_created,
                            r.unchanged,
                            r.problems
                                .iter()
                                .map(|p| p.row)
                                .collect::<std::collections::HashSet<_>>()
                                .len()
                        ),
                        r.problems.is_empty() || mode.skip_refused,
                    ),
                    Err(sid_core::Error::Rows(problems)) => (
                        format!(
                            "tidak disimpan: {} masalah, pertama baris {} kolom {}: {}",
                            problems.len(),
                            problems[0].row,
                            problems[0].column,
                            problems[0].message
                        ),
                        false,
                    ),
                    Err(e) => (format!("tidak disimpan: {e}"), false),
                };
                Line {
                    file: name,
                    desa: format!("{} {}", desa.code, desa.name),
                    outcome,
                    ok,
                }
            }
        };
        lines.push(line);
        bar.inc(1);
    }
    bar.finish_and_clear();
    let width = |f: fn(&Line) -> &str| {
        lines
            .iter()
            .map(|l| f(l).chars().count())
            .max()
            .unwrap_or(0)
    };
    let (wf, wd) = (width(|l| &l.file), width(|l| &l.desa));
    for l in &lines {
        println!(
            "{} {:wf$}  {:wd$}  {}",
            if l.ok { "ok   " } else { "GAGAL" },
            l.file,
            l.desa,
            l.outcome
        );
    }
    let failed = lines.iter().filter(|l| !l.ok).count();
    println!(
        "{} desa: {} berhasil, {failed} gagal{}.",
        lines.len(),
        lines.len() - failed,
        if mode.dry_run {
            " (uji saja, tidak ada yang disimpan)"
        } else {
            ""
        }
    );
    if failed > 0 {
        return Err(StartError::Config(format!(
            "{failed} desa gagal; desa lain tetap tersimpan"
        )));
    }
    Ok(())
}
