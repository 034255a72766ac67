//! Sessions recently found live, so that a signed-in request costs no database round trip for
//! its session check. Only on PostgreSQL, and only while the revocation listener is connected:
//! every revocation is announced with `NOTIFY` when its transaction commits, and each instance
//! drops what it announces. The instance that revokes also drops it itself right after the
//! commit, so logout stays "at once" on the instance that served it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::User;

/// The channel revocations are announced on.
pub(crate) const CHANNEL: &str = "sid_sessions";

/// A backstop for changes that are not revocations (a renamed account): a session is read
/// from the database again at least this often.
const KEEP_FOR: Duration = Duration::from_secs(60);

/// Past this many entries the cache starts over rather than grow without bound.
const MAX_ENTRIES: usize = 100_000;

/// What a revocation ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ended {
    Session(String),
    User(String),
}

impl Ended {
    /// The NOTIFY payload: `s:<jti>` or `u:<user id>`.
    pub(crate) fn payload(&self) -> String {
        match self {
            Ended::Session(jti) => format!("s:{jti}"),
            Ended::User(id) => format!("u:{id}"),
        }
    }

    pub(crate) fn parse(payload: &str) -> Option<Ended> {
        match payload.split_once(':')? {
            ("s", jti) => Some(Ended::Session(jti.to_string())),
            ("u", id) => Some(Ended::User(id.to_string())),
            _ => None,
        }
    }
}

thread_local! {
    /// Revocations written by the transaction running on this thread, applied to the cache
    /// once it commits (the database helper drains them).
    static PENDING: RefCell<Vec<Ended>> = const { RefCell::new(Vec::new()) };
}

pub(crate) fn note_pending(ended: Ended) {
    PENDING.with(|p| p.borrow_mut().push(ended));
}

/// Takes the revocations noted on this thread since the last call.
pub(crate) fn take_pending() -> Vec<Ended> {
    PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

struct Entry {
    user: User,
    until: Instant,
}

#[derive(Default)]
struct Inner {
    listening: bool,
    /// Bumped by every revocation: a session read from the database before a revocation
    /// is not cached after it.
    generation: u64,
    entries: HashMap<String, Entry>,
}

/// The answer of [`LiveSessions::get`].
pub(crate) enum Lookup {
    Live(User),
    /// Not cached: read the database, then hand the ticket back to [`LiveSessions::remember`].
    Unknown(u64),
}

#[derive(Default)]
pub struct LiveSessions {
    inner: Mutex<Inner>,
}

impl LiveSessions {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves nothing half-written worth refusing.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn get(&self, jti: &str) -> Lookup {
        let inner = self.lock();
        match inner.entries.get(jti) {
            Some(e) if inner.listening && e.until > Instant::now() => Lookup::Live(e.user.clone()),
            _ => Lookup::Unknown(inner.generation),
        }
    }

    /// Caches a session the database just found live, unless anything was revoked meanwhile
    /// or revocations cannot be heard.
    pub(crate) fn remember(&self, ticket: u64, jti: String, user: User, expires_at: i64) {
        let mut inner = self.lock();
        if !inner.listening || inner.generation != ticket {
            return;
        }
        let left = u64::try_from(expires_at - chrono::Utc::now().timestamp()).unwrap_or(0);
        let until = Instant::now() + KEEP_FOR.min(Duration::from_secs(left));
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.clear();
        }
        inner.entries.insert(jti, Entry { user, until });
    }

    pub(crate) fn forget(&self, ended: &Ended) {
        let mut inner = self.lock();
        inner.generation += 1;
        match ended {
            Ended::Session(jti) => {
                inner.entries.remove(jti);
            }
            Ended::User(id) => inner.entries.retain(|_, e| &e.user.id != id),
        }
    }

    /// Whether revocations are being heard; while they are not, nothing is served from the
    /// cache (announcements may have been missed, so it starts empty when they are again).
    pub(crate) fn set_listening(&self, listening: bool) {
        let mut inner = self.lock();
        inner.listening = listening;
        inner.generation += 1;
        inner.entries.clear();
    }

    /// Drops entries past their time (the listener calls this now and then).
    pub(crate) fn sweep(&self) {
        let now = Instant::now();
        self.lock().entries.retain(|_, e| e.until > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip() {
        for e in [Ended::Session("a-b".into()), Ended::User("c:d".into())] {
            assert_eq!(Ended::parse(&e.payload()), Some(e));
        }
        assert_eq!(Ended::parse("x:1"), None);
        assert_eq!(Ended::parse("nothing"), None);
    }
}
