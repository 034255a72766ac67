//! `sid bench import`: residents per second through the whole import (read, recognise, check,
//! write) for the same synthetic people as our template (CSV and XLSX) and as OpenSID's layout
//! (XLSX, as OpenSID exports it), each file into an empty desa of its own, rounds interleaved so
//! that the machine's noise falls on every layout alike.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use sid_core::AppState;
use sid_population::export::Layout;
use sid_population::import::{self, Mode};
use sid_population::synthetic::{import_file, Generator};

use crate::StartError;

/// Average members of a synthetic family (as in `populate`).
const FAMILY_SIZE: f64 = 3.8;

const FILES: [(&str, Layout, bool); 3] = [
    ("sid_csv", Layout::Sid, false),
    ("sid_xlsx", Layout::Sid, true),
    ("opensid_xlsx", Layout::Opensid, true),
];

pub async fn run(state: &AppState, residents: usize, rounds: usize) -> Result<(), StartError> {
    // One desa per kecamatan: the generator's NIKs differ by region, and the registry refuses a
    // living NIK in two desa.
    let mut kecamatan = HashSet::new();
    let all = state.directory.all();
    let mut desa = all
        .iter()
        .filter(|d| kecamatan.insert(d.kecamatan.code.clone()));
    let families = (residents as f64 / FAMILY_SIZE).ceil() as usize;
    let today = sid_core::clock::today();
    let mut rates: Vec<(&str, Vec<f64>)> = FILES.iter().map(|f| (f.0, Vec::new())).collect();
    for round in 0..rounds {
        for (i, (name, layout, xlsx)) in FILES.iter().enumerate() {
            let target = desa.next().ok_or_else(|| {
                StartError::Config("tidak cukup kecamatan untuk putaran sebanyak itu".into())
            })?;
            let mut generator = Generator::new(&target.code, 0, (round * 10 + i) as u64, today);
            let batch: Vec<_> = (0..families).map(|_| generator.family()).collect();
            let file = import_file(&batch, *layout, *xlsx)?;
            let actor = crate::cli_actor();
            let started = Instant::now();
            let report = import::run(
                &state.db,
                &target.tenant,
                actor,
                file.clone(),
                Mode::default(),
                Arc::new(|_, _, _| {}),
            )
            .await?;
            let seconds = started.elapsed().as_secs_f64();
            let rate = report.created as f64 / seconds;
            println!(
                "round={round} file={name} bytes={} residents={} seconds={seconds:.2} rate={rate:.0}",
                file.len(),
                report.created
            );
            rates[i].1.push(rate);
        }
    }
    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    for (name, r) in &rates {
        println!("{name}_rate={:.0}", median(r));
    }
    let ours = median(&rates[1].1);
    let opensid = median(&rates[2].1);
    println!(
        "opensid_xlsx_vs_sid_xlsx={:.2}\nopensid_xlsx_vs_sid_csv={:.2}",
        opensid / ours,
        opensid / median(&rates[0].1)
    );
    Ok(())
}
