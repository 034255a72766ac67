//! Checking the rows against what the regency already holds, then writing them in one go.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use sid_core::auth::User;
use sid_core::db::DbConn;
use sid_core::schema::{areas, families, nik_registry, residents};
use sid_core::{audit, ids, Result, RowError, TenantId};

use super::rows::ImportRow;
use super::Progress;
use crate::bulk::{self, Member, NewFamily};
use crate::codes::{self, status, KEPALA_KELUARGA};

pub struct Outcome {
    /// Residents written, or that would be on a dry run.
    pub created: usize,
    /// Of them, by the name of their status dasar.
    pub by_status: BTreeMap<String, usize>,
    pub unchanged: usize,
    pub families_created: usize,
    pub areas_created: usize,
    pub problems: Vec<RowError>,
}

const CHUNK: usize = 500;
/// Families per write, so that progress can be shown.
const WRITE_BATCH: usize = 1000;

fn problem(row: usize, column: &str, message: impl Into<String>) -> RowError {
    RowError {
        row,
        column: column.into(),
        message: message.into(),
    }
}

/// Which of `niks` are active in another desa of the regency (which one is not this desa's to
/// know). Read before the import's transaction, so that `Db::nik_probed` records the answer
/// even when the import is refused.
pub fn active_elsewhere(
    conn: &mut DbConn,
    tenant: &TenantId,
    niks: &[String],
) -> Result<HashSet<String>> {
    let mut elsewhere = HashSet::new();
    for chunk in niks.chunks(CHUNK) {
        let found: Vec<String> = nik_registry::table
            .filter(nik_registry::nik.eq_any(chunk))
            .filter(nik_registry::desa_id.ne(tenant.as_str()))
            .select(nik_registry::nik)
            .load(conn)?;
        elsewhere.extend(found);
    }
    Ok(elsewhere)
}

/// Stores the rows (or, on a dry run or with any problem, finds what storing them would do).
/// `elsewhere`: the rows' NIKs active in another desa (`active_elsewhere`), refused row by row
/// for the living.
pub fn apply(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    rows: &[ImportRow],
    elsewhere: &HashSet<String>,
    dry_run: bool,
    progress: &Progress,
) -> Result<Outcome> {
    let mut problems = Vec::new();
    let niks: Vec<&str> = rows.iter().map(|r| r.resident.nik.as_str()).collect();

    // Already here: the same person again is a repeated import; anything else is a conflict.
    let mut here: HashMap<String, (String, NaiveDate, Option<String>)> = HashMap::new();
    for chunk in niks.chunks(CHUNK) {
        let found: Vec<(String, String, NaiveDate, Option<String>)> = residents::table
            .left_join(
                families::table.on(families::desa_id
                    .eq(residents::desa_id)
                    .and(residents::family_id.eq(families::id.nullable()))),
            )
            .filter(residents::desa_id.eq(tenant.as_str()))
            .filter(residents::nik.eq_any(chunk))
            .select((
                residents::nik,
                residents::name,
                residents::birth_date,
                families::no_kk.nullable(),
            ))
            .load(conn)?;
        here.extend(
            found
                .into_iter()
                .map(|(n, name, born, kk)| (n, (name, born, kk))),
        );
    }
    let mut unchanged = 0;
    let mut fresh = Vec::with_capacity(rows.len());
    for r in rows {
        let nik = r.resident.nik.as_str();
        if let Some((name, born, kk)) = here.get(nik) {
            if *name == r.resident.name
                && *born == r.resident.birth_date
                && kk.as_deref() == Some(r.no_kk.as_str())
            {
                unchanged += 1;
            } else {
                problems.push(problem(r.row, "nik", "NIK sudah terdaftar di desa ini dengan data berbeda; koreksi lewat halaman penduduk"));
            }
        } else if r.status == status::HIDUP && elsewhere.contains(nik) {
            problems.push(problem(
                r.row,
                "nik",
                "NIK masih terdaftar aktif di desa lain di Kabupaten Serang",
            ));
        } else {
            fresh.push(r);
        }
    }

    // Families: a new card needs its head in the file; a stored one keeps its head.
    let mut groups: BTreeMap<String, Vec<&ImportRow>> = BTreeMap::new();
    for r in fresh {
        groups
            .entry(r.no_kk.as_str().to_string())
            .or_default()
            .push(r);
    }
    let cards: Vec<&str> = groups.keys().map(String::as_str).collect();
    let mut stored: HashMap<String, (String, bool)> = HashMap::new();
    for chunk in cards.chunks(CHUNK) {
        let found: Vec<(String, String, Option<String>)> = families::table
            .filter(families::desa_id.eq(tenant.as_str()))
            .filter(families::no_kk.eq_any(chunk))
            .select((families::no_kk, families::id, families::head_id))
            .load(conn)?;
        stored.extend(
            found
                .into_iter()
                .map(|(kk, id, head)| (kk, (id, head.is_some()))),
        );
    }
    for (kk, members) in &groups {
        // A register keeps the head who died or moved: a card needs someone with SHDK 1, and
        // no more than one of them living.
        let heads: Vec<&&ImportRow> = members
            .iter()
            .filter(|m| m.resident.shdk == KEPALA_KELUARGA)
            .collect();
        let living_heads: Vec<usize> = heads
            .iter()
            .filter(|m| m.status == status::HIDUP)
            .map(|m| m.row)
            .collect();
        match (stored.get(kk), heads.len(), living_heads.len()) {
            (Some((_, true)), _, n) if n > 0 => {
                for row in living_heads {
                    problems.push(problem(
                        row,
                        "shdk",
                        format!("KK {kk} sudah punya kepala keluarga"),
                    ));
                }
            }
            (None, 0, _) => {
                for m in members {
                    problems.push(problem(
                        m.row,
                        "shdk",
                        format!("KK {kk} tidak punya kepala keluarga (shdk 1) di berkas"),
                    ));
                }
            }
            (None, _, n) if n > 1 => {
                for row in living_heads {
                    problems.push(problem(
                        row,
                        "shdk",
                        format!("KK {kk} punya lebih dari satu kepala keluarga yang hidup"),
                    ));
                }
            }
            _ => {}
        }
    }
    let created = groups.values().map(Vec::len).sum();
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for r in groups.values().flatten() {
        let name = codes::name("status_dasar", r.status).unwrap_or("?");
        *by_status.entry(name.to_string()).or_default() += 1;
    }
    let families_created = groups.keys().filter(|kk| !stored.contains_key(*kk)).count();

    // RTs named in the file, created when new.
    let mut area_ids: HashMap<(String, String, String), String> = areas::table
        .filter(areas::desa_id.eq(tenant.as_str()))
        .select((areas::dusun, areas::rw, areas::rt, areas::id))
        .load::<(String, String, String, String)>(conn)?
        .into_iter()
        .map(|(d, rw, rt, id)| ((d, rw, rt), id))
        .collect();
    let new_areas: HashSet<&(String, String, String)> = groups
        .values()
        .flatten()
        .filter_map(|r| r.area.as_ref())
        .filter(|a| !area_ids.contains_key(*a))
        .collect();
    let areas_created = new_areas.len();
    if dry_run || !problems.is_empty() {
        return Ok(Outcome {
            created,
            by_status,
            unchanged,
            families_created,
            areas_created,
            problems,
        });
    }
    let now = Utc::now().naive_utc();
    for key in groups.values().flatten().filter_map(|r| r.area.clone()) {
        if let std::collections::hash_map::Entry::Vacant(slot) = area_ids.entry(key) {
            let id = ids::new_id();
            let (dusun, rw, rt) = slot.key();
            diesel::insert_into(areas::table)
                .values((
                    areas::desa_id.eq(tenant.as_str()),
                    areas::id.eq(&id),
                    areas::dusun.eq(dusun),
                    areas::rw.eq(rw),
                    areas::rt.eq(rt),
                ))
                .execute(conn)?;
            slot.insert(id);
        }
    }
    let batch: Vec<NewFamily> = groups
        .into_iter()
        .map(|(kk, members)| {
            let head = members
                .iter()
                .find(|m| m.resident.shdk == KEPALA_KELUARGA && m.status == status::HIDUP)
                .or_else(|| members.iter().find(|m| m.resident.shdk == KEPALA_KELUARGA))
                .unwrap_or(&members[0]);
            let address = head.address.clone();
            let area_id = head.area.as_ref().and_then(|a| area_ids.get(a)).cloned();
            NewFamily {
                existing_id: stored.get(&kk).map(|(id, _)| id.clone()),
                no_kk: kk,
                address,
                area_id,
                members: members
                    .into_iter()
                    .map(|m| {
                        let mut r = m.resident.clone();
                        r.area_id = m.area.as_ref().and_then(|a| area_ids.get(a)).cloned();
                        r.address = Some(m.address.clone());
                        Member {
                            resident: r,
                            status: m.status,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let mut written = 0;
    for chunk in batch.chunks(WRITE_BATCH) {
        written += bulk::insert_families(conn, tenant, chunk, now)?;
        progress("simpan", written as u64, created as u64);
    }
    audit::record(
        conn,
        tenant,
        actor,
        "resident.import",
        "impor penduduk",
        &format!("{written} penduduk, {families_created} KK baru, {unchanged} sudah ada"),
    )?;
    Ok(Outcome {
        created: written,
        by_status,
        unchanged,
        families_created,
        areas_created,
        problems,
    })
}
