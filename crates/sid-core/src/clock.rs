//! Dates as the desa sees them: Kabupaten Serang is on WIB (UTC+7), so "today" and ages change
//! at local midnight, not at UTC's.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Utc};

use crate::{Error, Result};

pub const WIB: Duration = Duration::hours(7);

/// Now, in UTC as stored.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

pub fn today() -> NaiveDate {
    (Utc::now() + WIB).date_naive()
}

/// The UTC instant (as stored) at which a WIB day begins.
pub fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN) - WIB
}

/// A stored UTC instant as WIB wall-clock time.
pub fn local(at: NaiveDateTime) -> NaiveDateTime {
    at + WIB
}

/// The WIB date of a stored UTC instant.
pub fn local_date(at: NaiveDateTime) -> NaiveDate {
    local(at).date()
}

/// The first day of a `YYYY-MM` month and of the next.
pub fn month_range(s: &str) -> Result<(NaiveDate, NaiveDate)> {
    let from = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
        .map_err(|_| Error::invalid("month", "format YYYY-MM, contoh 2026-11"))?;
    let until = if from.month() == 12 {
        NaiveDate::from_ymd_opt(from.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(from.year(), from.month() + 1, 1)
    }
    .ok_or_else(|| Error::invalid("month", "bulan tidak valid"))?;
    Ok((from, until))
}
