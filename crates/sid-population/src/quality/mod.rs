//! Records that need the desa's attention, each with what is wrong and where to fix it: a NIK
//! that disagrees with the birth date or sex, living residents without a family card, cards
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
    /// `nik_mismatch`, `no_family`, `family_without_head`, `family_with_two_heads`, `duplicate`.
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

type Living = (String, String, String, i32, NaiveDate, Option<String>, i32);

/// Every finding of the desa; the read is logged (it lists names and NIKs).
pub fn check(w: &mut Write, slug: &str) -> Result<Quality> {
    let people: Vec<Living> = residents::table
        .filter(residents::desa_id.eq(w.tenant.as_str()))
        .filter(residents::status.eq(status::HIDUP))
        .select((
            residents::id,
            residents::name,
            residents::nik,
            residents::sex,
            residents::birth_date,
            residents::family_id,
            residents::shdk,
        ))
        .order((residents::name_search, residents::id))
        .load(w.conn)?;
    let cards: Vec<(String, String)> = families::table
        .filter(families::desa_id.eq(w.tenant.as_str()))
        .filter(families::active.eq(true))
        .select((families::id, families::no_kk))
        .order(families::no_kk)
        .load(w.conn)?;
    let resident = |id: &str| format!("/desa/{slug}/admin/penduduk/{id}");
    let card = |id: &str| format!("/desa/{slug}/admin/keluarga/{id}");
    let mut findings = Vec::new();
    let mut heads: HashMap<&str, usize> = HashMap::new();
    let mut same: HashMap<(String, NaiveDate), Vec<&Living>> = HashMap::new();
    for p in &people {
        let (id, name, nik_digits, sex, born, family, shdk) = p;
        let sex = Sex::try_from(*sex).unwrap_or(Sex::Male);
        if let Err(reason) = nik::check_digits(nik_digits, *born, sex) {
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
            Some(f) if *shdk == KEPALA_KELUARGA => *heads.entry(f.as_str()).or_default() += 1,
            Some(_) => {}
        }
        same.entry((name.to_lowercase(), *born))
            .or_default()
            .push(p);
    }
    for (id, no_kk) in &cards {
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
    twins.sort_by_key(|v| (&v[0].1, v[0].4));
    for group in twins {
        for p in group {
            findings.push(Finding {
                kind: "duplicate",
                label: p.1.clone(),
                reason: format!(
                    "nama dan tanggal lahir ({}) sama dengan {} penduduk lain; periksa apakah orang yang sama",
                    p.4.format("%d-%m-%Y"),
                    group.len() - 1
                ),
                fix: resident(&p.0),
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
