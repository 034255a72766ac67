use std::collections::{HashMap, HashSet};

use chrono::Utc;
use diesel::prelude::*;
use serde::Deserialize;
use sid_core::db::Db;
use sid_core::schema::{desa, kecamatan};
use sid_core::{ids, Error, Result};

use super::slug::slugify;

/// Kemendagri codes of Kabupaten Serang's desa (idn-area-data, ODbL; see data/NOTICE.md).
const VILLAGES: &str = include_str!("../../data/serang_villages.csv");

#[derive(Debug, Deserialize)]
struct Row {
    village_code: String,
    village_name: String,
    district_code: String,
    district_name: String,
}

pub struct Entry {
    pub code: String,
    pub name: String,
    pub slug: String,
    pub kecamatan_code: String,
    pub kecamatan_name: String,
}

/// The shipped registry with slugs. A name found in more than one kecamatan gets the
/// kecamatan's name appended (`sukamanah-baros`), everywhere it occurs, so that no desa's slug
/// depends on the order of the file.
pub fn entries() -> Result<Vec<Entry>> {
    let rows: Vec<Row> = csv::Reader::from_reader(VILLAGES.as_bytes())
        .deserialize()
        .collect::<std::result::Result<_, _>>()
        .map_err(Error::internal)?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in &rows {
        *seen.entry(slugify(&r.village_name)).or_default() += 1;
    }
    let entries: Vec<Entry> = rows
        .into_iter()
        .map(|r| {
            let base = slugify(&r.village_name);
            let slug = if seen[&base] > 1 {
                format!("{base}-{}", slugify(&r.district_name))
            } else {
                base
            };
            Entry {
                code: r.village_code,
                name: r.village_name,
                slug,
                kecamatan_code: r.district_code,
                kecamatan_name: r.district_name,
            }
        })
        .collect();
    let unique: HashSet<&str> = entries.iter().map(|e| e.slug.as_str()).collect();
    if unique.len() != entries.len() {
        return Err(Error::Internal("slug desa tidak unik".into()));
    }
    Ok(entries)
}

pub struct SeedReport {
    pub inserted: usize,
    pub total: usize,
}

/// Inserts the desa and kecamatan not yet in the database. Existing rows are left as they are
/// (their slug and active flag may have been changed on purpose), so restarting changes nothing.
pub async fn seed(db: &Db) -> Result<SeedReport> {
    let entries = entries()?;
    db.global(move |conn| {
        let known_kec: HashSet<String> = kecamatan::table
            .select(kecamatan::code)
            .load::<String>(conn)?
            .into_iter()
            .collect();
        let known_desa: HashSet<String> = desa::table
            .select(desa::code)
            .load::<String>(conn)?
            .into_iter()
            .collect();
        let now = Utc::now().naive_utc();
        let mut added_kec = HashSet::new();
        let mut inserted = 0;
        for e in &entries {
            if !known_kec.contains(&e.kecamatan_code) && added_kec.insert(&e.kecamatan_code) {
                diesel::insert_into(kecamatan::table)
                    .values((
                        kecamatan::code.eq(&e.kecamatan_code),
                        kecamatan::name.eq(&e.kecamatan_name),
                    ))
                    .execute(conn)?;
            }
            if !known_desa.contains(&e.code) {
                diesel::insert_into(desa::table)
                    .values((
                        desa::id.eq(ids::new_id()),
                        desa::code.eq(&e.code),
                        desa::name.eq(&e.name),
                        desa::slug.eq(&e.slug),
                        desa::kecamatan_code.eq(&e.kecamatan_code),
                        desa::active.eq(true),
                        desa::created_at.eq(now),
                    ))
                    .execute(conn)?;
                inserted += 1;
            }
        }
        Ok(SeedReport {
            inserted,
            total: entries.len(),
        })
    })
    .await
}
