//! `sid bench populate`, `sid bench products`, `sid bench import` and `sid bench letters`.
//!
//! `sid bench populate`: the benchmark's data set. A deterministic, realistic regency — every
//! desa filled with synthetic families — written through the import path, timed; plus the
//! same rows as CSV for PostgreSQL's own COPY, and samples for the load generator.

pub mod imports;
pub mod letters;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use chrono::Utc;
use sid_core::AppState;
use sid_population::bulk::insert_families;
use sid_population::synthetic::Generator;

use crate::StartError;

/// Average members of a synthetic family (measured on the generator).
const FAMILY_SIZE: f64 = 3.8;

/// The largest desa of the regency and a middling one: the first two desa get these sizes
/// (when the data set holds them), so the daily pages can be measured at both.
const LARGE_DESA: usize = 25_000;
const MEDIUM_DESA: usize = 5_000;

/// Residents of each desa: the first two large and middling, the rest sharing what is left.
fn sizes(residents: usize, desa: usize) -> Vec<usize> {
    if residents < 4 * (LARGE_DESA + MEDIUM_DESA) || desa < 3 {
        return vec![residents.div_ceil(desa); desa];
    }
    let rest = (residents - LARGE_DESA - MEDIUM_DESA).div_ceil(desa - 2);
    let mut out = vec![LARGE_DESA, MEDIUM_DESA];
    out.resize(desa, rest);
    out
}

pub async fn populate(state: &AppState, residents: usize, out: &Path) -> Result<(), StartError> {
    std::fs::create_dir_all(out)?;
    let all = state.directory.all();
    let sizes = sizes(residents, all.len());
    let mut copy = csv::Writer::from_path(out.join("copy.csv"))
        .map_err(|e| StartError::Config(e.to_string()))?;
    let mut niks = std::fs::File::create(out.join("niks.txt"))?;
    let mut names = std::fs::File::create(out.join("names.txt"))?;
    let mut index_in_kecamatan: HashMap<String, u32> = HashMap::new();
    let (mut written, mut elapsed) = (0usize, std::time::Duration::ZERO);
    let today = sid_core::clock::today();
    for (i, desa) in all.iter().enumerate() {
        let index = index_in_kecamatan
            .entry(desa.kecamatan.code.clone())
            .or_insert(0);
        let mut generator = Generator::new(&desa.code, *index, 1_700_000 + i as u64, today);
        *index += 1;
        let families = ((sizes[i] as f64) / FAMILY_SIZE).ceil() as usize;
        let batch: Vec<_> = (0..families).map(|_| generator.family()).collect();
        // The same rows for COPY, and samples of the first eight desa for the load generator.
        for (f, family) in batch.iter().enumerate() {
            for m in family.members.iter().map(|m| &m.resident) {
                write_copy_row(&mut copy, desa.tenant.as_str(), family, m)?;
                if i < 8 && f % 3 == 0 {
                    writeln!(niks, "{},{}", desa.slug, m.nik.as_str())?;
                    let mut words = m.name.split(' ');
                    let first = words.next().unwrap_or("");
                    let second: String = words.next().unwrap_or("").chars().take(3).collect();
                    writeln!(
                        names,
                        "{},{}+{}",
                        desa.slug,
                        first.to_lowercase(),
                        second.to_lowercase()
                    )?;
                }
            }
        }
        let started = Instant::now();
        let n = state
            .db
            .tenant(&desa.tenant, move |conn, tenant| {
                insert_families(conn, tenant, &batch, Utc::now().naive_utc())
            })
            .await?;
        elapsed += started.elapsed();
        written += n;
        if i % 25 == 0 || i + 1 == all.len() {
            eprintln!("  {:>3}/{} desa, {written} penduduk", i + 1, all.len());
        }
    }
    copy.flush()?;
    let rate = written as f64 / elapsed.as_secs_f64();
    println!("import_residents={written}");
    println!("import_seconds={:.2}", elapsed.as_secs_f64());
    println!("import_rate={rate:.0}");
    for (i, name) in ["large", "medium"].iter().enumerate() {
        if let Some(d) = all.get(i) {
            println!("{name}_desa={},{}", d.slug, sizes[i]);
        }
    }
    // Every desa's website as the issue measures it: twenty articles and ten projects.
    let site = sid_admin::synthetic::fill(&state.db, &all, 20, 10).await?;
    println!("site_items={site}");
    Ok(())
}

fn write_copy_row(
    w: &mut csv::Writer<std::fs::File>,
    desa_id: &str,
    family: &sid_population::bulk::NewFamily,
    m: &sid_population::residents::NewResident,
) -> Result<(), StartError> {
    let now = Utc::now().naive_utc().to_string();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let code = |c: Option<i32>| c.map(|v| v.to_string()).unwrap_or_default();
    w.write_record([
        desa_id.to_string(),
        sid_core::ids::new_id(),
        m.nik.as_str().to_string(),
        m.name.clone(),
        m.name.to_lowercase(),
        m.sex.code().to_string(),
        m.birth_place.clone(),
        m.birth_date.to_string(),
        m.religion.to_string(),
        m.education.to_string(),
        m.occupation.to_string(),
        m.marital_status.to_string(),
        m.shdk.to_string(),
        m.citizenship.to_string(),
        m.blood_type.to_string(),
        code(m.disability),
        opt(&m.father_name),
        opt(&m.mother_name),
        opt(&m.father_nik),
        opt(&m.mother_nik),
        String::new(),
        String::new(),
        sid_core::ids::new_id(),
        String::new(),
        family.address.clone(),
        String::new(),
        String::new(),
        String::new(),
        "1".into(),
        String::new(),
        now.clone(),
        now,
        code(m.ktp_status),
        code(m.chronic_illness),
        code(m.kb_method),
        code(m.health_insurance),
    ])
    .map_err(|e| StartError::Config(e.to_string()))
}

/// `sid bench products`: `count` products spread over every desa (five sellers each), written
/// through the catalogue's own store and index, timed.
pub async fn products(state: &AppState, count: usize, out: &Path) -> Result<(), StartError> {
    std::fs::create_dir_all(out)?;
    let all = state.directory.all();
    let per_desa = count.div_ceil(all.len());
    let started = Instant::now();
    let written = sid_catalog::synthetic::fill(&state.db, &all, 5, per_desa, 50_000).await?;
    let seconds = started.elapsed().as_secs_f64();
    println!("products={written}");
    println!("products_rate={:.0}", written as f64 / seconds);
    let first = all.first().map(|d| d.slug.clone()).unwrap_or_default();
    let kecamatan = all
        .first()
        .map(|d| d.kecamatan.code.clone())
        .unwrap_or_default();
    println!("first_desa={first}");
    println!("first_kecamatan={kecamatan}");
    Ok(())
}
