//! Dates as the desa sees them: Kabupaten Serang is on WIB (UTC+7), so "today" and ages change
//! at local midnight, not at UTC's.

use chrono::{Duration, NaiveDate, NaiveDateTime, Utc};

const WIB: Duration = Duration::hours(7);

pub fn today() -> NaiveDate {
    (Utc::now() + WIB).date_naive()
}

/// The UTC instant (as stored) at which a WIB day begins.
pub fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN) - WIB
}
