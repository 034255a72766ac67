//! Dates as the desa sees them: Kabupaten Serang is on WIB (UTC+7), so "today" and ages change
//! at local midnight, not at UTC's.

use chrono::{Duration, NaiveDate, Utc};

pub fn today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}
