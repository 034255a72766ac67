//! How often each desa's data (and the regency-wide tables) changed through this process, and
//! when a change written earlier takes effect (an article scheduled for eight o'clock): what a
//! page kept in memory is checked against before it is answered without reading the database.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use chrono::NaiveDateTime;

use crate::TenantId;

#[derive(Default)]
struct OfDesa {
    count: u64,
    /// The earliest moment something already written becomes visible.
    due: Option<NaiveDateTime>,
}

#[derive(Default)]
pub struct Changes {
    desa: Mutex<HashMap<String, OfDesa>>,
    /// Regency-wide tables (registry, accounts): they show on every desa's pages.
    global: AtomicU64,
    /// Every change of any kind, for pages made of every desa's data.
    all: AtomicU64,
}

impl Changes {
    /// A number that differs whenever the desa's pages may have changed since it was read.
    pub fn of_desa(&self, tenant: &TenantId, now: NaiveDateTime) -> u64 {
        let mut desa = self.desa.lock().expect("changes lock");
        let d = desa.entry(tenant.as_str().to_string()).or_default();
        self.settle(d, now);
        d.count + self.global.load(Ordering::Relaxed)
    }

    /// The same for pages of every desa (the regency's news).
    pub fn of_regency(&self, now: NaiveDateTime) -> u64 {
        let mut desa = self.desa.lock().expect("changes lock");
        for d in desa.values_mut() {
            self.settle(d, now);
        }
        self.all.load(Ordering::Relaxed)
    }

    /// Counts as a change what was due by `now`.
    fn settle(&self, d: &mut OfDesa, now: NaiveDateTime) {
        if d.due.is_some_and(|due| due <= now) {
            (d.due, d.count) = (None, d.count + 1);
            self.all.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Something written now in the desa becomes visible at `at`.
    pub fn due(&self, tenant: &TenantId, at: NaiveDateTime) {
        let mut desa = self.desa.lock().expect("changes lock");
        let d = desa.entry(tenant.as_str().to_string()).or_default();
        d.due = Some(d.due.map_or(at, |due| due.min(at)));
    }

    pub(super) fn desa_written(&self, tenant: &TenantId) {
        let mut desa = self.desa.lock().expect("changes lock");
        desa.entry(tenant.as_str().to_string()).or_default().count += 1;
        self.all.fetch_add(1, Ordering::Relaxed);
    }

    pub(super) fn global_written(&self) {
        self.global.fetch_add(1, Ordering::Relaxed);
        self.all.fetch_add(1, Ordering::Relaxed);
    }
}
