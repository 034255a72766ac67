//! The breakdowns secretaries are asked for, each a table of rows by sex, read from the kept
//! figures: by code list, by the age bands of reports, by RT, RW and dusun, heads of family by
//! sex and family cards by their size.

use std::collections::BTreeMap;

use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::schema::areas;
use sid_core::{Result, TenantId};

use super::ages::Ages;
use super::source::{tally, Source};
use crate::codes;

/// One row of a breakdown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Row {
    /// The code of the list, the band or the size; absent for places.
    pub code: Option<i32>,
    pub label: String,
    pub male: i64,
    pub female: i64,
    pub total: i64,
}

/// A table of the statistics.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Breakdown {
    /// As in `GET /statistics/{key}`.
    pub key: &'static str,
    pub title: &'static str,
    /// Whether the rows count people by sex (family cards are counted whole).
    pub by_sex: bool,
    pub rows: Vec<Row>,
    /// What the rows alone do not say.
    pub note: Option<String>,
}

/// The breakdowns by code list: key, title, figure dimension, code list, and the name of code
/// 0 where the field is optional (not filled in).
const LISTED: [(&str, &str, &str, &str, Option<&str>); 11] = [
    ("agama", "Agama", "agama", "agama", None),
    (
        "pendidikan",
        "Pendidikan dalam KK",
        "pendidikan",
        "pendidikan_kk",
        None,
    ),
    ("pekerjaan", "Pekerjaan", "pekerjaan", "pekerjaan", None),
    (
        "perkawinan",
        "Status perkawinan",
        "perkawinan",
        "status_perkawinan",
        None,
    ),
    (
        "kewarganegaraan",
        "Kewarganegaraan",
        "kewarganegaraan",
        "kewarganegaraan",
        None,
    ),
    (
        "golongan_darah",
        "Golongan darah",
        "goldar",
        "golongan_darah",
        None,
    ),
    (
        "cacat",
        "Disabilitas",
        "cacat",
        "cacat",
        Some("TIDAK ADA / BELUM DIISI"),
    ),
    (
        "sakit_menahun",
        "Sakit menahun",
        "sakit",
        "sakit_menahun",
        Some("BELUM DIISI"),
    ),
    (
        "cara_kb",
        "Cara KB",
        "kb",
        "cara_kb",
        Some("BUKAN AKSEPTOR / BELUM DIISI"),
    ),
    (
        "asuransi",
        "Asuransi kesehatan",
        "asuransi",
        "asuransi",
        Some("BELUM DIISI"),
    ),
    (
        "status_ktp",
        "Status KTP-el",
        "ktp",
        "status_ktp",
        Some("BELUM DIISI"),
    ),
];

/// The age bands of reports: lower bounds and names.
const REPORT_BOUNDS: [i32; 5] = [0, 5, 13, 18, 60];
const REPORT_NAMES: [&str; 5] = [
    "Balita (0-4 tahun)",
    "Anak (5-12 tahun)",
    "Remaja (13-17 tahun)",
    "Usia produktif (18-59 tahun)",
    "Lansia (60 tahun ke atas)",
];

/// From this age a KTP-el is required.
pub const KTP_AGE: i32 = 17;

/// The age bands the breakdowns count in.
pub const AGE_BANDS: [&[i32]; 2] = [&REPORT_BOUNDS, &[0, KTP_AGE]];

/// Every key, in the page's order.
pub fn keys() -> Vec<&'static str> {
    let mut keys = vec!["kelompok_umur", "dusun", "rw", "rt"];
    keys.extend(LISTED.iter().map(|l| l.0));
    keys.extend(["kepala_keluarga", "anggota_keluarga"]);
    keys
}

fn row(code: Option<i32>, label: String, male: i64, female: i64) -> Row {
    Row {
        code,
        label,
        male,
        female,
        total: male + female,
    }
}

/// `(code, sex, n)` figures as one row per code, both sexes side by side.
fn by_code(figures: Vec<(i32, i32, i64)>) -> BTreeMap<i32, (i64, i64)> {
    let mut rows: BTreeMap<i32, (i64, i64)> = BTreeMap::new();
    for (code, sex, n) in figures {
        tally(rows.entry(code).or_default(), sex, n);
    }
    rows
}

fn listed(
    conn: &mut DbConn,
    tenant: &TenantId,
    src: &Source,
    l: &(&'static str, &'static str, &str, &str, Option<&str>),
    ages: &Ages,
) -> Result<Breakdown> {
    let (key, title, dimension, list, unfilled) = *l;
    let rows = by_code(src.figures(conn, tenant, dimension, None)?)
        .into_iter()
        .filter(|(_, (m, f))| m + f != 0)
        .map(|(code, (m, f))| {
            let name = match (code, unfilled) {
                (0, Some(u)) => u,
                _ => codes::name(list, code).unwrap_or("TIDAK DIKETAHUI"),
            };
            row(Some(code), name.to_string(), m, f)
        })
        .collect::<Vec<_>>();
    let note = if key == "status_ktp" {
        let wajib: i64 = ages.by_band(&[0, KTP_AGE])[1..]
            .iter()
            .map(|(m, f)| m + f)
            .sum();
        let have: i64 = rows
            .iter()
            .filter(|r| r.code == Some(3))
            .map(|r| r.total)
            .sum();
        Some(format!(
            "Wajib KTP ({KTP_AGE} tahun ke atas): {wajib} orang; sudah punya KTP-el: {have} orang."
        ))
    } else {
        None
    };
    Ok(Breakdown {
        key,
        title,
        by_sex: true,
        rows,
        note,
    })
}

/// The living per dusun, per RW and per RT, read once; those placed in no RT on a row of
/// their own.
fn places(
    conn: &mut DbConn,
    tenant: &TenantId,
    src: &Source,
    living: (i64, i64),
) -> Result<Vec<Breakdown>> {
    let places: Vec<(String, String, String, String)> = areas::table
        .filter(areas::desa_id.eq(tenant.as_str()))
        .select((areas::id, areas::dusun, areas::rw, areas::rt))
        .load(conn)?;
    let shown = src
        .areas
        .clone()
        .unwrap_or_else(|| places.iter().map(|p| p.0.clone()).collect());
    let mut per_area: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    if !shown.is_empty() {
        use sid_core::schema::area_figures as af;
        let mut q = af::table
            .filter(af::desa_id.eq(tenant.as_str()))
            .filter(af::dimension.eq("hidup"))
            .filter(af::area_id.eq_any(shown))
            .select((af::area_id, af::sex, af::n))
            .into_boxed();
        if let Some(s) = src.sex {
            q = q.filter(af::sex.eq(s));
        }
        for (area, sex, n) in q.load::<(String, i32, i64)>(conn)? {
            tally(per_area.entry(area).or_default(), sex, n);
        }
    }
    let levels: [(&'static str, &'static str); 3] = [
        ("dusun", "Penduduk per dusun"),
        ("rw", "Penduduk per RW"),
        ("rt", "Penduduk per RT"),
    ];
    Ok(levels
        .into_iter()
        .map(|(level, title)| {
            let mut grouped: BTreeMap<(String, String, String), (i64, i64)> = BTreeMap::new();
            for (id, dusun, rw, rt) in &places {
                let Some((m, f)) = per_area.get(id) else {
                    continue;
                };
                let key = match level {
                    "dusun" => (dusun.clone(), String::new(), String::new()),
                    "rw" => (dusun.clone(), rw.clone(), String::new()),
                    _ => (dusun.clone(), rw.clone(), rt.clone()),
                };
                let slot = grouped.entry(key).or_default();
                slot.0 += m;
                slot.1 += f;
            }
            let (mut placed_m, mut placed_f) = (0, 0);
            let mut rows: Vec<Row> = grouped
                .into_iter()
                .filter(|(_, (m, f))| m + f != 0)
                .map(|((dusun, rw, rt), (m, f))| {
                    placed_m += m;
                    placed_f += f;
                    let label = match level {
                        "dusun" => format!("Dusun {dusun}"),
                        "rw" => format!("Dusun {dusun}, RW {rw}"),
                        _ => format!("Dusun {dusun}, RW {rw}, RT {rt}"),
                    };
                    row(None, label, m, f)
                })
                .collect();
            let (m, f) = (living.0 - placed_m, living.1 - placed_f);
            if m + f > 0 {
                rows.push(row(None, "Belum tercatat RT-nya".into(), m, f));
            }
            Breakdown {
                key: level,
                title,
                by_sex: true,
                rows,
                note: None,
            }
        })
        .collect())
}

/// Every breakdown of the source; family cards by size only for the whole desa and both sexes
/// (a card is not split by sex, and the sizes are kept per desa).
pub fn all(
    conn: &mut DbConn,
    tenant: &TenantId,
    src: &Source,
    ages: &Ages,
    living: (i64, i64),
) -> Result<Vec<Breakdown>> {
    let mut out = vec![Breakdown {
        key: "kelompok_umur",
        title: "Kelompok umur",
        by_sex: true,
        rows: ages
            .by_band(&REPORT_BOUNDS)
            .into_iter()
            .zip(REPORT_BOUNDS.iter().zip(REPORT_NAMES))
            .map(|((m, f), (bound, name))| row(Some(*bound), name.to_string(), m, f))
            .collect(),
        note: None,
    }];
    out.extend(places(conn, tenant, src, living)?);
    for l in &LISTED {
        out.push(listed(conn, tenant, src, l, ages)?);
    }
    let heads = by_code(src.figures(conn, tenant, "kepala", Some(&[1]))?);
    let (m, f) = heads.get(&1).copied().unwrap_or_default();
    out.push(Breakdown {
        key: "kepala_keluarga",
        title: "Kepala keluarga menurut jenis kelamin",
        by_sex: true,
        rows: vec![row(Some(1), "Kepala keluarga".into(), m, f)],
        note: None,
    });
    let whole_desa = src.areas.is_none() && src.sex.is_none();
    out.push(Breakdown {
        key: "anggota_keluarga",
        title: "Keluarga menurut jumlah anggota",
        by_sex: false,
        rows: if whole_desa {
            let mut sizes = Source::desa().figures(conn, tenant, "anggota", None)?;
            sizes.sort_unstable();
            sizes
                .into_iter()
                .map(|(size, _, n)| Row {
                    code: Some(size),
                    label: format!("{size} orang"),
                    male: 0,
                    female: 0,
                    total: n,
                })
                .collect()
        } else {
            Vec::new()
        },
        note: (!whole_desa)
            .then(|| "Hanya untuk seluruh desa dan kedua jenis kelamin.".to_string()),
    });
    Ok(out)
}
