//! How fast sign-ins may come, before any account is looked at: per address (one machine
//! guessing many names or NIKs, which the per-subject lock does not see) and for the whole
//! instance (many machines at once, which would otherwise keep both cores hashing). Counted in
//! memory, per instance.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};

use actix_web::HttpRequest;

use crate::{Error, Result};

/// Addresses seen are forgotten once their quota has refilled, every this many checks, so the
/// table does not grow with every address that ever tried.
const SWEEP_EVERY: u32 = 1024;

pub struct SignInLimits {
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    global: DefaultDirectRateLimiter,
    checks: AtomicU32,
}

impl SignInLimits {
    /// `per_address_per_minute` attempts a minute from one address (all of them at once at
    /// most), `global_per_second` a second in all (twice that at once).
    pub fn new(per_address_per_minute: u32, global_per_second: u32) -> Result<SignInLimits> {
        let positive = |setting: &str, n: u32| {
            NonZeroU32::new(n).ok_or_else(|| Error::invalid(setting, "minimal 1"))
        };
        let per_address = positive("auth.signin_per_address_per_minute", per_address_per_minute)?;
        let global = positive("auth.signin_per_second", global_per_second)?;
        let global_burst = global.saturating_mul(NonZeroU32::MIN.saturating_add(1));
        Ok(SignInLimits {
            per_address: RateLimiter::keyed(Quota::per_minute(per_address)),
            global: RateLimiter::direct(Quota::per_second(global).allow_burst(global_burst)),
            checks: AtomicU32::new(0),
        })
    }

    /// One attempt from `client`, or how long it must wait. An attempt refused for its address
    /// takes nothing from the instance's quota.
    pub fn check(&self, client: IpAddr) -> Result<()> {
        if self
            .checks
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(SWEEP_EVERY)
        {
            self.per_address.retain_recent();
        }
        let now = DefaultClock::default().now();
        let refused = self
            .per_address
            .check_key(&client)
            .and_then(|()| self.global.check());
        refused.map_err(|until| Error::TooManyAttempts {
            retry_after_secs: until.wait_time_from(now).as_secs().max(1) as i64,
        })
    }
}

/// The address a request came from: the peer, or behind a proxy named in
/// `auth.trusted_proxies`, the last address that proxy put in `X-Forwarded-For` (the earlier
/// ones are whatever the client wrote).
pub struct ClientAddress(pub IpAddr);

impl actix_web::FromRequest for ClientAddress {
    type Error = Error;
    type Future = std::future::Ready<Result<ClientAddress>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(client_address(req))
    }
}

fn client_address(req: &HttpRequest) -> Result<ClientAddress> {
    let peer = req
        .peer_addr()
        .map(|a| a.ip())
        .ok_or_else(|| Error::BadRequest("alamat pengirim tidak diketahui".into()))?;
    let trusted = req
        .app_data::<actix_web::web::Data<crate::AppState>>()
        .is_some_and(|s| s.auth.trusted_proxies.contains(&peer));
    if !trusted {
        return Ok(ClientAddress(peer));
    }
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .last();
    Ok(ClientAddress(forwarded.unwrap_or(peer)))
}

/// Proof that a sign-in attempt was let through the limits: the sign-in functions take one.
pub struct Turn(());

/// Takes one attempt from the limits for `client`, or says how long to wait.
pub fn sign_in_turn(state: &crate::AppState, client: &ClientAddress) -> Result<Turn> {
    state.auth.limits.check(client.0).map(|()| Turn(()))
}
