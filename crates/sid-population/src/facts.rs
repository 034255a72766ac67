//! The population's figures on the desa's public site: the living, their family cards, and the
//! dusun, RW and RT they live in; from the kept figures, so a visit costs the same at any size.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;
use sid_core::db::DbConn;
use sid_core::facts::Fact;
use sid_core::schema::{areas, resident_figures};
use sid_core::{Result, TenantId};

use crate::codes::status;
use crate::statistics::figures;

/// Dusun, RW and RT of one area.
type Place = (String, String, String);

pub fn desa_facts(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<Fact>> {
    let living: i64 = figures(conn, tenant, "status", Some(&[status::HIDUP]))?
        .iter()
        .map(|(_, _, n)| n)
        .sum();
    // Cards counted by their living members: a card with none is no family of the desa.
    let families: i64 = figures(conn, tenant, "anggota", None)?
        .iter()
        .filter(|(size, _, _)| *size > 0)
        .map(|(_, _, n)| n)
        .sum();
    let places: Vec<Place> = areas::table
        .filter(areas::desa_id.eq(tenant.as_str()))
        .select((areas::dusun, areas::rw, areas::rt))
        .load(conn)?;
    let distinct = |key: fn(&Place) -> Place| {
        places
            .iter()
            .map(key)
            .collect::<std::collections::BTreeSet<_>>()
            .len() as i64
    };
    let fact = |key, label, value, unit| Fact {
        key,
        label,
        value,
        unit,
    };
    Ok(vec![
        fact("penduduk", "Penduduk", living, "jiwa"),
        fact("keluarga", "Keluarga", families, "KK"),
        fact(
            "dusun",
            "Dusun",
            distinct(|p| (p.0.clone(), String::new(), String::new())),
            "dusun",
        ),
        fact(
            "rw",
            "RW",
            distinct(|p| (p.0.clone(), p.1.clone(), String::new())),
            "RW",
        ),
        fact("rt", "RT", distinct(Clone::clone), "RT"),
    ])
}

/// One desa's population for the regency's dashboard.
#[derive(Debug, Clone, Copy, Default, Serialize, utoipa::ToSchema)]
pub struct Population {
    /// The living.
    pub residents: i64,
    /// Family cards with a living member.
    pub families: i64,
}

/// The population of the desa given that have any, by desa id, from the same kept figures as each
/// desa's facts: a regency-wide read of a few rows a desa, never of the residents.
pub fn regency_figures(
    conn: &mut DbConn,
    desa_ids: &[String],
) -> Result<HashMap<String, Population>> {
    // The desa named: the figures' key starts with the desa, so each is one index probe.
    let rows: Vec<(String, String, i32, i64)> = resident_figures::table
        .filter(resident_figures::desa_id.eq_any(desa_ids))
        .filter(
            resident_figures::dimension
                .eq("status")
                .and(resident_figures::code.eq(status::HIDUP))
                .or(resident_figures::dimension
                    .eq("anggota")
                    .and(resident_figures::code.gt(0))),
        )
        .select((
            resident_figures::desa_id,
            resident_figures::dimension,
            resident_figures::code,
            resident_figures::n,
        ))
        .load(conn)?;
    let mut out: HashMap<String, Population> = HashMap::new();
    for (desa, dimension, _, n) in rows {
        let p = out.entry(desa).or_default();
        match dimension.as_str() {
            "status" => p.residents += n,
            _ => p.families += n,
        }
    }
    Ok(out)
}
