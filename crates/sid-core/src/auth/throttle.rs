//! Failed sign-ins per subject. Counted for unknown names as well, so a locked reply does not
//! tell whether the account exists.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text, Timestamp};

use super::AuthConfig;
use crate::db::DbConn;
use crate::schema::login_attempts;
use crate::Result;

/// Seconds the subject stays locked, if it is.
pub(crate) fn locked_for(
    conn: &mut DbConn,
    subject: &str,
    now: NaiveDateTime,
) -> Result<Option<i64>> {
    let until: Option<Option<NaiveDateTime>> = login_attempts::table
        .find(subject)
        .select(login_attempts::locked_until)
        .first(conn)
        .optional()?;
    Ok(until
        .flatten()
        .filter(|t| *t > now)
        .map(|t| (t - now).num_seconds().max(1)))
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Nullable<Timestamp>)]
    locked_until: Option<NaiveDateTime>,
}

/// Counts one failure in one statement, so that concurrent failures all count; returns the
/// seconds the subject is locked for when it is locked after this failure. Failures older than
/// one lockout period, or from before a lock that has run out, no longer count; a lock still
/// running stays as it is.
pub(crate) fn record_failure(
    conn: &mut DbConn,
    subject: &str,
    now: NaiveDateTime,
    config: &AuthConfig,
) -> Result<Option<i64>> {
    // $1 subject, $2 now, $3 failures that lock, $4 end of a new lock, $5 oldest failure that
    // counts: numbered in order of first use, as SQLite numbers them too.
    let query = diesel::sql_query(
        "INSERT INTO login_attempts (subject, failures, last_failure_at, locked_until) \
         VALUES ($1, 1, $2, CASE WHEN $3 <= 1 THEN $4 END) \
         ON CONFLICT (subject) DO UPDATE SET \
           failures = CASE \
             WHEN login_attempts.locked_until > $2 THEN login_attempts.failures + 1 \
             WHEN login_attempts.locked_until IS NOT NULL OR login_attempts.last_failure_at <= $5 THEN 1 \
             ELSE login_attempts.failures + 1 END, \
           locked_until = CASE \
             WHEN login_attempts.locked_until > $2 THEN login_attempts.locked_until \
             WHEN login_attempts.locked_until IS NOT NULL OR login_attempts.last_failure_at <= $5 \
               THEN CASE WHEN $3 <= 1 THEN $4 END \
             WHEN login_attempts.failures + 1 >= $3 THEN $4 END, \
           last_failure_at = $2 \
         RETURNING locked_until",
    )
    .bind::<Text, _>(subject)
    .bind::<Timestamp, _>(now)
    .bind::<Integer, _>(config.max_failed_logins)
    .bind::<Timestamp, _>(now + config.lockout)
    .bind::<Timestamp, _>(now - config.lockout);
    let row: Counted = crate::on_backend!(conn, |c| query.get_result(c))?;
    Ok(row
        .locked_until
        .filter(|t| *t > now)
        .map(|t| (t - now).num_seconds().max(1)))
}

pub(crate) fn clear(conn: &mut DbConn, subject: &str) -> Result<()> {
    diesel::delete(login_attempts::table.find(subject)).execute(conn)?;
    Ok(())
}
