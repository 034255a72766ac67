//! The population's figures on the desa's public site: the living, their family cards, and the
//! dusun, RW and RT they live in; from the kept figures, so a visit costs the same at any size.

use diesel::prelude::*;
use sid_core::db::DbConn;
use sid_core::facts::Fact;
use sid_core::schema::areas;
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
