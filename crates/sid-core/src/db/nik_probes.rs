//! Whether a NIK is active in another desa tells the asking desa something about a person of
//! that other desa. Every such answer (an entry, a correction, a move-in, an import's row, dry
//! runs included) is recorded in the asking desa's audit log, even when the act itself is
//! refused and rolled back, and each account may learn it only so often: past the limit the
//! answer is withheld.

use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::Db;
use crate::auth::User;
use crate::{audit, Error, Result, TenantId};

/// NIKs found active elsewhere that one account may be told of per hour (per instance): a
/// desa's move-ins and onboarding duplicates stay well below it; a sweep of the regency's
/// NIKs does not.
pub const PER_HOUR: u32 = 120;

pub(crate) struct NikProbes(DefaultKeyedRateLimiter<String>);

impl Default for NikProbes {
    fn default() -> Self {
        let per_hour = NonZeroU32::new(PER_HOUR).unwrap_or(NonZeroU32::MIN);
        NikProbes(RateLimiter::keyed(Quota::per_hour(per_hour)))
    }
}

impl NikProbes {
    fn take(&self, actor: &User, count: usize) -> Result<()> {
        let Some(n) = NonZeroU32::new(u32::try_from(count).unwrap_or(u32::MAX)) else {
            return Ok(());
        };
        let now = DefaultClock::default().now();
        match self.0.check_key_n(&actor.id, n) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(until)) => Err(Error::ProbeLimit {
                retry_after_secs: until.wait_time_from(now).as_secs().max(1) as i64,
            }),
            // More at once than an hour allows: as long as a full hour.
            Err(_) => Err(Error::ProbeLimit {
                retry_after_secs: 3600,
            }),
        }
    }
}

impl Db {
    /// Records that `actor` of `tenant` learnt that `niks` are active in another desa, in a
    /// transaction of its own, and counts them against the account's limit: an error when the
    /// answer must be withheld.
    pub async fn nik_probed(
        &self,
        tenant: &TenantId,
        actor: &User,
        niks: Vec<String>,
    ) -> Result<()> {
        if niks.is_empty() {
            return Ok(());
        }
        let allowed = self.probes.take(actor, niks.len());
        let outcome = if allowed.is_ok() {
            "dijawab"
        } else {
            "ditahan: batas per jam"
        };
        let actor = actor.clone();
        self.tenant(tenant, move |conn, tenant| {
            for nik in &niks {
                let detail = format!("NIK aktif di desa lain; {outcome}");
                audit::record(conn, tenant, &actor, "nik.elsewhere", nik, &detail)?;
            }
            Ok(())
        })
        .await?;
        allowed
    }

    /// `Db::write`'s answer, with a refusal for a NIK active elsewhere recorded and counted.
    pub(crate) async fn probed<T>(
        &self,
        tenant: &TenantId,
        actor: &User,
        result: Result<T>,
    ) -> Result<T> {
        match result {
            Err(Error::NikElsewhere(nik)) => {
                self.nik_probed(tenant, actor, vec![nik.clone()]).await?;
                Err(Error::NikElsewhere(nik))
            }
            other => other,
        }
    }
}
