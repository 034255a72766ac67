//! Issued tokens, so that logout, a password change or a disabled account end them at once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::live_sessions::{self, Ended};
use super::users::{User, UserRow};
use crate::db::DbConn;
use crate::schema::{sessions, users};
use crate::Result;

pub(crate) fn create(
    conn: &mut DbConn,
    jti: &str,
    user_id: &str,
    issued_at: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> Result<()> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::jti.eq(jti),
            sessions::user_id.eq(user_id),
            sessions::issued_at.eq(issued_at),
            sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub(crate) fn revoke(conn: &mut DbConn, jti: &str, now: NaiveDateTime) -> Result<()> {
    diesel::update(
        sessions::table
            .find(jti)
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now))
    .execute(conn)?;
    announce(conn, Ended::Session(jti.to_string()))
}

/// Ends every session of a user (password changed, account disabled).
pub fn revoke_all(conn: &mut DbConn, user_id: &str, now: NaiveDateTime) -> Result<()> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now))
    .execute(conn)?;
    announce(conn, Ended::User(user_id.to_string()))
}

/// Tells every instance's session cache, once the transaction commits: this one through the
/// database helper, the others through NOTIFY (which PostgreSQL delivers only on commit).
fn announce(conn: &mut DbConn, ended: Ended) -> Result<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<diesel::sql_types::Text, _>(live_sessions::CHANNEL)
            .bind::<diesel::sql_types::Text, _>(ended.payload())
            .execute(c)?;
    }
    live_sessions::note_pending(ended);
    Ok(())
}

/// The user behind a live session: not revoked, not expired, account active. One query.
pub(crate) fn active_user(
    conn: &mut DbConn,
    jti: &str,
    now: NaiveDateTime,
) -> Result<Option<User>> {
    sessions::table
        .inner_join(users::table)
        .filter(sessions::jti.eq(jti))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        .filter(users::active.eq(true))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(User::try_from)
        .transpose()
}
