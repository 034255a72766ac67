//! The population's part of the staff's work list: villagers' reports of wrong data, this
//! month's events, and what the last data-quality check found.

use chrono::Datelike;
use diesel::dsl::count_star;
use diesel::prelude::*;
use sid_core::auth::User;
use sid_core::db::DbConn;
use sid_core::schema::{data_flags, population_events};
use sid_core::work::WorkItem;
use sid_core::{clock, Result, TenantId};

use crate::quality;

const EVENT_NAMES: [(&str, &str); 5] = [
    ("birth", "kelahiran"),
    ("death", "kematian"),
    ("move_in", "pindah masuk"),
    ("move_out", "pindah keluar"),
    ("missing", "hilang"),
];

pub fn open_work(conn: &mut DbConn, tenant: &TenantId, _: &User) -> Result<Vec<WorkItem>> {
    let mut items = Vec::new();
    let flags: i64 = data_flags::table
        .filter(data_flags::desa_id.eq(tenant.as_str()))
        .filter(data_flags::resolved_at.is_null())
        .count()
        .get_result(conn)?;
    if flags > 0 {
        items.push(WorkItem {
            key: "flags",
            label: "Laporan data salah dari warga".into(),
            count: flags,
            note: None,
            link: "/admin/surat#flags".into(),
            mine: true,
            late: false,
        });
    }
    let today = clock::today();
    let first = today.with_day(1).unwrap_or(today);
    let events: Vec<(String, i64)> = population_events::table
        .filter(population_events::desa_id.eq(tenant.as_str()))
        .filter(population_events::event_date.ge(first))
        .filter(population_events::event_date.le(today))
        .group_by(population_events::kind)
        .select((population_events::kind, count_star()))
        .load(conn)?;
    let note: Vec<String> = EVENT_NAMES
        .iter()
        .filter_map(|(kind, name)| {
            let n = events.iter().find(|e| e.0 == *kind)?.1;
            Some(format!("{n} {name}"))
        })
        .collect();
    items.push(WorkItem {
        key: "events",
        label: "Peristiwa kependudukan bulan ini".into(),
        count: events.iter().map(|e| e.1).sum(),
        note: (!note.is_empty()).then(|| note.join(", ")),
        link: "/admin/buku".into(),
        mine: false,
        late: false,
    });
    let (count, note) = match quality::last(conn, tenant)? {
        Some((n, at)) => (
            i64::from(n),
            format!("diperiksa {}", clock::local(at).format("%d-%m-%Y %H:%M")),
        ),
        None => (0, "belum pernah diperiksa".into()),
    };
    items.push(WorkItem {
        key: "quality",
        label: "Data penduduk perlu diperbaiki".into(),
        count,
        note: Some(note),
        link: "/admin/kualitas".into(),
        mine: false,
        late: false,
    });
    Ok(items)
}
