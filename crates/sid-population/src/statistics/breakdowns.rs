//! The breakdowns secretaries are asked for, each a table of rows by sex, read from the kept
//! figures: by code list, by the age bands of reports, by RT, RW and dusun, heads of family by
//! sex and family cards by their size.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::schema::areas;
use sid_core::{Result, TenantId};

use super::ages;
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
const REPORT_BANDS: [(i32, &str); 5] = [
    (0, "Balita (0-4 tahun)"),
    (5, "Anak (5-12 tahun)"),
    (13, "Remaja (13-17 tahun)"),
    (18, "Usia produktif (18-59 tahun)"),
    (60, "Lansia (60 tahun ke atas)"),
];

/// From this age a KTP-el is required.
pub const KTP_AGE: i32 = 17;

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
    today: NaiveDate,
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
        let wajib: i64 = ages::by_band(conn, tenant, src, today, &[0, KTP_AGE])?[1..]
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

/// The living per RT, and summed per RW and per dusun; those placed in no RT on a row of
/// their own.
fn places(
    conn: &mut DbConn,
    tenant: &TenantId,
    src: &Source,
    level: &'static str,
    living: (i64, i64),
) -> Result<Breakdown> {
    let places: Vec<(String, String, String, String)> = areas::table
        .filter(areas::desa_id.eq(tenant.as_str()))
        .select((areas::id, areas::dusun, areas::rw, areas::rt))
        .load(conn)?;
    let place_src = Source::new(
        Some(
            src.areas
                .clone()
                .unwrap_or_else(|| places.iter().map(|p| p.0.clone()).collect()),
        ),
        src.sex,
    );
    let mut per_area: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    if !place_src.areas.as_ref().is_some_and(Vec::is_empty) {
        let rows: Vec<(String, i32, i64)> = {
            use sid_core::schema::area_figures as af;
            let mut q = af::table
                .filter(af::desa_id.eq(tenant.as_str()))
                .filter(af::dimension.eq("hidup"))
                .filter(af::area_id.eq_any(place_src.areas.clone().unwrap_or_default()))
                .select((af::area_id, af::sex, af::n))
                .into_boxed();
            if let Some(s) = src.sex {
                q = q.filter(af::sex.eq(s));
            }
            q.load(conn)?
        };
        for (area, sex, n) in rows {
            tally(per_area.entry(area).or_default(), sex, n);
        }
    }
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
    Ok(Breakdown {
        key: level,
        title: match level {
            "dusun" => "Penduduk per dusun",
            "rw" => "Penduduk per RW",
            _ => "Penduduk per RT",
        },
        by_sex: true,
        rows,
        note: None,
    })
}

/// Every breakdown of the source; family cards by size only for the whole desa and both sexes
/// (a card is not split by sex, and the sizes are kept per desa).
pub fn all(
    conn: &mut DbConn,
    tenant: &TenantId,
    src: &Source,
    today: NaiveDate,
    living: (i64, i64),
) -> Result<Vec<Breakdown>> {
    let bounds: Vec<i32> = REPORT_BANDS.iter().map(|b| b.0).collect();
    let mut out = vec![Breakdown {
        key: "kelompok_umur",
        title: "Kelompok umur",
        by_sex: true,
        rows: ages::by_band(conn, tenant, src, today, &bounds)?
            .into_iter()
            .zip(REPORT_BANDS)
            .map(|((m, f), (bound, name))| row(Some(bound), name.to_string(), m, f))
            .collect(),
        note: None,
    }];
    for level in ["dusun", "rw", "rt"] {
        out.push(places(conn, tenant, src, level, living)?);
    }
    for l in &LISTED {
        out.push(listed(conn, tenant, src, l, today)?);
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
