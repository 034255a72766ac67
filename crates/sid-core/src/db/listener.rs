//! Hears the revocations every instance announces (`NOTIFY sid_sessions`) and drops them from
//! this instance's session cache. Runs on its own thread and connection, and ends with the
//! pool that started it.

use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::PgConnection;

use super::DatabaseUrl;
use crate::auth::live_sessions::{Ended, LiveSessions, CHANNEL};

/// How long an announcement may wait before it is read: a poll only reads what the socket
/// already holds, it is not a round trip.
const POLL: Duration = Duration::from_millis(20);
const RECONNECT: Duration = Duration::from_secs(1);
const SWEEP: Duration = Duration::from_secs(30);

pub(crate) fn spawn(url: DatabaseUrl, live: Weak<LiveSessions>) {
    let spawned = std::thread::Builder::new()
        .name("sid-sessions".into())
        .spawn(move || run(&url, &live));
    if let Err(e) = spawned {
        // Without the listener the cache stays off: every request asks the database.
        tracing::warn!(error = %e, "session listener not started");
    }
}

fn run(url: &DatabaseUrl, live: &Weak<LiveSessions>) {
    loop {
        match listen(url) {
            Ok(mut conn) => {
                if !hear(&mut conn, live) {
                    return;
                }
            }
            Err(e) => tracing::warn!(error = %e, "session listener cannot connect"),
        }
        if live.strong_count() == 0 {
            return;
        }
        std::thread::sleep(RECONNECT);
    }
}

fn listen(url: &DatabaseUrl) -> crate::Result<PgConnection> {
    let mut conn = url.establish_pg()?;
    conn.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    Ok(conn)
}

/// Applies announcements until the connection fails (returns true: reconnect) or the pool is
/// gone (returns false).
fn hear(conn: &mut PgConnection, live: &Weak<LiveSessions>) -> bool {
    let Some(cache) = live.upgrade() else {
        return false;
    };
    cache.set_listening(true);
    drop(cache);
    let mut swept = Instant::now();
    loop {
        std::thread::sleep(POLL);
        let Some(cache) = live.upgrade() else {
            return false;
        };
        if let Err(e) = apply(conn, &cache) {
            tracing::warn!(error = %e, "session listener lost its connection");
            cache.set_listening(false);
            return true;
        }
        if swept.elapsed() >= SWEEP {
            cache.sweep();
            swept = Instant::now();
        }
    }
}

fn apply(conn: &mut PgConnection, cache: &Arc<LiveSessions>) -> diesel::QueryResult<()> {
    for notification in conn.notifications_iter() {
        match Ended::parse(&notification?.payload) {
            Some(ended) => cache.forget(&ended),
            // Unknown announcements might still be revocations: start over to be safe.
            None => cache.set_listening(true),
        }
    }
    Ok(())
}
