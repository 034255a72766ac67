//! The letters' part of the staff's work list: requests to check, to initial and to sign, with
//! the age of the oldest, letters waiting to be collected, and received letters without a
//! disposition; and the same waiting requests of every desa for the regency's dashboard. A few
//! indexed counts, whatever the desa's size.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDateTime};
use diesel::dsl::{count_star, min};
use diesel::prelude::*;
use serde::Serialize;
use sid_core::auth::{Position, User};
use sid_core::db::DbConn;
use sid_core::schema::letter_requests;
use sid_core::work::WorkItem;
use sid_core::{clock, Result, TenantId};

use super::registers;
use super::status::Status;

/// Past this many days a waiting request is late.
const LATE_AFTER_DAYS: i64 = 3;

/// The requests waiting for the desa's staff (to check, to initial, to sign).
const WITH_STAFF: [Status; 3] = [
    Status::SedangDiperiksa,
    Status::MenungguParaf,
    Status::MenungguTandaTangan,
];

/// One desa's letters for the regency's dashboard.
#[derive(Debug, Clone, Copy, Default, Serialize, utoipa::ToSchema)]
pub struct Letters {
    /// Requests waiting for the desa's staff: to check, to initial or to sign.
    pub waiting: i64,
    /// When the oldest of them was made (UTC).
    pub oldest_waiting_since: Option<NaiveDateTime>,
    /// Letters signed since the month began.
    pub signed_this_month: i64,
}

/// The letters of every desa that has any, by desa id (a regency-wide read of counts).
pub fn regency_figures(
    conn: &mut DbConn,
    month_start: NaiveDateTime,
) -> Result<HashMap<String, Letters>> {
    let waiting: Vec<(String, i64, Option<NaiveDateTime>)> = letter_requests::table
        .filter(letter_requests::status.eq_any(WITH_STAFF.map(Status::as_str)))
        .group_by(letter_requests::desa_id)
        .select((
            letter_requests::desa_id,
            count_star(),
            min(letter_requests::created_at),
        ))
        .load(conn)?;
    let signed: Vec<(String, i64)> = letter_requests::table
        .filter(letter_requests::signed_at.ge(month_start))
        .group_by(letter_requests::desa_id)
        .select((letter_requests::desa_id, count_star()))
        .load(conn)?;
    let mut out: HashMap<String, Letters> = HashMap::new();
    for (desa, n, since) in waiting {
        let l = out.entry(desa).or_default();
        (l.waiting, l.oldest_waiting_since) = (n, since);
    }
    for (desa, n) in signed {
        out.entry(desa).or_default().signed_this_month = n;
    }
    Ok(out)
}

pub fn open_work(conn: &mut DbConn, tenant: &TenantId, user: &User) -> Result<Vec<WorkItem>> {
    let waiting = [
        Status::SedangDiperiksa,
        Status::MenungguParaf,
        Status::MenungguTandaTangan,
        Status::SiapDiambil,
    ];
    let rows: Vec<(String, i64, Option<NaiveDateTime>)> = letter_requests::table
        .filter(letter_requests::desa_id.eq(tenant.as_str()))
        .filter(letter_requests::status.eq_any(waiting.map(Status::as_str)))
        .group_by(letter_requests::status)
        .select((
            letter_requests::status,
            count_star(),
            min(letter_requests::updated_at),
        ))
        .load(conn)?;
    let position = user.position.or(Position::default_for(user.role));
    let now = clock::now();
    let mut items = Vec::new();
    for status in waiting {
        let Some((_, count, since)) = rows.iter().find(|r| r.0 == status.as_str()) else {
            continue;
        };
        let days = since.map_or(0, |s| (now - s).num_days());
        let (label, mine) = match status {
            Status::SedangDiperiksa => ("Permohonan surat menunggu diperiksa", true),
            Status::MenungguParaf => (
                "Surat menunggu paraf sekretaris desa",
                position == Some(Position::SekretarisDesa),
            ),
            Status::MenungguTandaTangan => (
                "Surat menunggu tanda tangan",
                matches!(
                    position,
                    Some(Position::KepalaDesa | Position::SekretarisDesa | Position::KaurKasi)
                ),
            ),
            _ => ("Surat siap diambil warga", false),
        };
        items.push(WorkItem {
            key: status.as_str(),
            label: label.into(),
            count: *count,
            note: Some(match days {
                0 => "terlama sejak hari ini".to_string(),
                d => format!("terlama {d} hari"),
            }),
            link: format!("/admin/surat?status={}", status.as_str()),
            mine,
            late: status != Status::SiapDiambil && days > LATE_AFTER_DAYS,
        });
    }
    let undisposed = registers::undisposed(conn, tenant, clock::today().year())?;
    if undisposed > 0 {
        items.push(WorkItem {
            key: "undisposed",
            label: "Surat masuk belum didisposisi".into(),
            count: undisposed,
            note: None,
            link: "/admin/surat/masuk".into(),
            mine: position == Some(Position::KepalaDesa),
            late: false,
        });
    }
    Ok(items)
}
