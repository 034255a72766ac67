//! Records that need the desa's attention, each with what is wrong and where to fix it: a NIK
//! that disagrees with the birth date or sex, living residents without a family card or with a
//! mandatory field empty (RT, parents' names), adults without a KTP-el status, cards
//! without a living head or with two, the same name and birth date twice. Read on demand from
//! the desa's living residents and active cards (one pass each), and written to the audit log.

mod api;
mod last_check;
mod pages;

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::Write;
use sid_core::schema::{families, residents};
use sid_core::Result;

use crate::codes::{status, KEPALA_KELUARGA};
use crate::nik::{self, Sex};

pub use api::{configure, QualityDoc};
pub use last_check::last;
pub use pages::configure as configure_pages;

/// One record that needs attention.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Finding {
    /// `nik_mismatch`, `no_family`, `family_without_head`, `family_with_two_heads`, `duplicate`,
    /// `missing_fields`, `no_ktp_status`.
    pub kind: &'static str,
    /// The resident's name, or the card's number.
    pub label: String,
    pub reason: String,
    /// The staff page where it is fixed.
    pub fix: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Quality {
    /// Findings per kind.
    pub counts: std::collections::BTreeMap<&'static str, usize>,
    pub findings: Vec<Finding>,
}

/// A living resident, as far as the checks read them.
#[derive(Queryable, Selectable)]
#[diesel(table_name = residents)]
struct Living {
    id: String,
    name: String,
    nik: String,
    sex: i32,
    birth_date: NaiveDate,
    family_id: Option<String>,
    shdk: i32,
    area_id: Option<String>,
    father_name: Option<String>,
    mother_name: Option<String>,
    ktp_status: Option<i32>,
}

/// Age from which a KTP-el is required.
const KTP_AGE: i32 = 17;

/// Every finding of the desa; the read is logged (it lists names and NIKs).
pub fn check(w: &mut Write, slug: &str) -> Result<Quality> {
    let people: Vec<Living> = residents::table
        .filter(residents::desa_id.eq(w.tenant.as_str()))
        .filter(residents::status.eq(status::HIDUP))
        .select(Living::as_select())
        .order((residents::name_search, residents::id))
        .load(w.conn)?;
    let cards: Vec<(String, String, Option<String>)> = families::table
        .filter(families::desa_id.eq(w.tenant.as_str()))
        .filter(families::active.eq(true))
        .select((families::id, families::no_kk, families::area_id))
        .order(families::no_kk)
        .load(w.conn)?;
    let card_area: HashMap<&str, bool> = cards
        .iter()
        .map(|(id, _, area)| (id.as_str(), area.is_some()))
        .collect();
    let today = w.today();
    let resident = |id: &str| format!("/desa/{slug}/admin/penduduk/{id}");
    let card = |id: &str| format!("/desa/{slug}/admin/keluarga/{id}");
    let mut findings = Vec::new();
    let mut heads: HashMap<&str, usize> = HashMap::new();
    let mut same: HashMap<(String, NaiveDate), Vec<&Living>> = HashMap::new();
    for p in &people {
        let (id, name, born, family) = (&p.id, &p.name, &p.birth_date, &p.family_id);
        let sex = Sex::try_from(p.sex).unwrap_or(Sex::Male);
        if let Err(reason) = nik::check_digits(&p.nik, *born, sex) {
            findings.push(Finding {
                kind: "nik_mismatch",
                label: name.clone(),
                reason,
                fix: resident(id),
            });
        }
        match family {
            None => findings.push(Finding {
                kind: "no_family",
                label: name.clone(),
                reason: "penduduk hidup tanpa KK".into(),
                fix: resident(id),
            }),
            Some(f) if p.shdk == KEPALA_KELUARGA => *heads.entry(f.as_str()).or_default() += 1,
            Some(_) => {}
        }
        let placed = p.area_id.is_some()
            || family
                .as_deref()
                .is_some_and(|f| card_area.get(f).copied().unwrap_or(false));
        let missing: Vec<&str> = [
            (!placed, "RT/RW"),
            (p.father_name.is_none(), "nama ayah"),
            (p.mother_name.is_none(), "nama ibu"),
        ]
        .into_iter()
        .filter_map(|(gap, field)| gap.then_some(field))
        .collect();
        if !missing.is_empty() {
            findings.push(Finding {
                kind: "missing_fields",
                label: name.clone(),
                reason: format!("belum diisi: {}", missing.join(", ")),
                fix: resident(id),
            });
        }
        if p.ktp_status.is_none() && age_on(*born, today) >= KTP_AGE {
            findings.push(Finding {
                kind: "no_ktp_status",
                label: name.clone(),
                reason: format!("berumur {KTP_AGE} tahun ke atas tanpa status KTP-el"),
                fix: resident(id),
            });
        }
        same.entry((name.to_lowercase(), *born))
            .or_default()
            .push(p);
    }
    for (id, no_kk, _) in &cards {
        let reason = match heads.get(id.as_str()).copied().unwrap_or(0) {
            0 => (
                "family_without_head",
                "tidak punya kepala keluarga yang hidup",
            ),
            1 => continue,
            _ => (
                "family_with_two_heads",
                "punya lebih dari satu kepala keluarga",
            ),
        };
        findings.push(Finding {
            kind: reason.0,
            label: format!("KK {no_kk}"),
            reason: reason.1.into(),
            fix: card(id),
        });
    }
    let mut twins: Vec<&Vec<&Living>> = same.values().filter(|v| v.len() > 1).collect();
    twins.sort_by_key(|v| (&v[0].name, v[0].birth_date));
    for group in twins {
        for p in group {
            findings.push(Finding {
                kind: "duplicate",
                label: p.name.clone(),
                reason: format!(
                    "nama dan tanggal lahir ({}) sama dengan {} penduduk lain; periksa apakah orang yang sama",
                    p.birth_date.format("%d-%m-%Y"),
                    group.len() - 1
                ),
                fix: resident(&p.id),
            });
        }
    }
    let mut counts = std::collections::BTreeMap::new();
    for f in &findings {
        *counts.entry(f.kind).or_default() += 1;
    }
    last_check::save(w.conn, w.tenant, findings.len() as i32, w.now)?;
    w.audit(
        "resident.quality",
        "kualitas data",
        &format!("{} catatan perlu perhatian", findings.len()),
    )?;
    Ok(Quality { counts, findings })
}

/// Whole years from `born` to `on`.
fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    on.years_since(born).map_or(0, |y| y as i32)
}
