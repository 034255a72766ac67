//! Failed sign-ins per subject. Counted for unknown names as well, so a locked reply does not
//! tell whether the account exists.

use chrono::NaiveDateTime;
use diesel::prelude::*;

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

/// Counts one failure; returns the lock's length in seconds when this failure locks.
pub(crate) fn record_failure(
    conn: &mut DbConn,
    subject: &str,
    now: NaiveDateTime,
    config: &AuthConfig,
) -> Result<Option<i64>> {
    let row: Option<(i32, NaiveDateTime, Option<NaiveDateTime>)> = login_attempts::table
        .find(subject)
        .select((
            login_attempts::failures,
            login_attempts::last_failure_at,
            login_attempts::locked_until,
        ))
        .first(conn)
        .optional()?;
    // Failures older than one lockout period, or from before a lock that has run out, no
    // longer count.
    let earlier = match row {
        Some((n, last, locked)) if now - last < config.lockout && locked.is_none() => n,
        _ => 0,
    };
    let failures = earlier + 1;
    let locked_until = (failures >= config.max_failed_logins).then(|| now + config.lockout);
    if row.is_some() {
        diesel::update(login_attempts::table.find(subject))
            .set((
                login_attempts::failures.eq(failures),
                login_attempts::last_failure_at.eq(now),
                login_attempts::locked_until.eq(locked_until),
            ))
            .execute(conn)?;
    } else {
        diesel::insert_into(login_attempts::table)
            .values((
                login_attempts::subject.eq(subject),
                login_attempts::failures.eq(failures),
                login_attempts::last_failure_at.eq(now),
                login_attempts::locked_until.eq(locked_until),
            ))
            .execute(conn)?;
    }
    Ok(locked_until.map(|_| config.lockout.num_seconds()))
}

pub(crate) fn clear(conn: &mut DbConn, subject: &str) -> Result<()> {
    diesel::delete(login_attempts::table.find(subject)).execute(conn)?;
    Ok(())
}
