//! Rate limits. A limited request gets 429 and a sentence.
//!
//! - **Per address**, in this process's memory (governor): sign-in, link views, username
//!   checks, new-link requests, passkey ceremonies and sign-in link requests. They are checked first, so one source's flood never
//!   reaches the database. With N servers an address gets at most N times its budget; no
//!   guarantee rests on them (see the README, "Deploying").
//! - **Per account, per link and per known browser**, in the database
//!   (`Store::take_allowance`, `Store::check_device`): every server on it enforces one limit.
//!
//! Every key is bounded in size: an address (an IPv6 /64), an account id, a hash.

use std::{
    num::NonZeroU32,
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

use governor::{
    Quota, RateLimiter, clock::MonotonicClock, middleware::NoOpMiddleware,
    state::keyed::DefaultKeyedStateStore,
};

use super::client_ip::ClientIp;
use crate::server::{
    clock::Clock,
    store::{Allowance, Store, StoreError},
};

/// A per-address limit: `burst` requests from one address at once, then one per interval.
///
/// governor reads the clock before it takes the key's state, so of requests from one address
/// at the same moment, one that read the clock first could write its state last: it then
/// finds the burst spent "after" its own reading and is refused, a request before the burst
/// is spent. Reading the clock and writing the state under one lock keeps the two in the same
/// order, on a clock that never goes back across threads (`Instant`), so a burst sent at once
/// is let through whole. Nothing under the lock waits: it is held for a few map operations.
struct Limiter {
    order: Mutex<()>,
    rates: RateLimiter<
        String,
        DefaultKeyedStateStore<String>,
        MonotonicClock,
        NoOpMiddleware<std::time::Instant>,
    >,
}

impl Limiter {
    fn new(rate: Rate) -> Self {
        let burst = NonZeroU32::new(rate.burst.max(1)).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(rate.every.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN));
        let rates = RateLimiter::new(
            quota.allow_burst(burst),
            DefaultKeyedStateStore::default(),
            MonotonicClock,
        );
        Self { order: Mutex::new(()), rates }
    }

    /// Takes one request from `key`'s allowance, or says it is spent.
    fn take(&self, key: &String) -> Result<(), Limited> {
        let _in_order = self.order.lock().unwrap_or_else(PoisonError::into_inner);
        self.rates.check_key(key).map(|_| ()).map_err(|_| Limited)
    }

    /// Forgets the keys back to a full allowance. Not under the lock: it walks every key, and
    /// a key forgotten as a request comes is the full allowance that request would have found.
    fn forget_idle(&self) {
        self.rates.retain_recent();
        self.rates.shrink_to_fit();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Too many attempts. Wait a minute, then try again.")]
pub struct Limited;

impl crate::domain::Sentence for Limited {
    fn message(&self) -> crate::domain::Message {
        crate::domain::Message::new("too-many-attempts")
    }
}

/// A limit kept in the database: refused, or the database failed.
#[derive(Debug, thiserror::Error)]
pub enum LimitError {
    #[error(transparent)]
    Limited(#[from] Limited),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How many requests each key may make: `burst` at once, then one per `every`.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub burst: u32,
    pub every: Duration,
}

impl Rate {
    /// The same rate as the database keeps it.
    pub fn allowance(self) -> Allowance {
        let interval_ms = i64::try_from(self.every.as_millis()).unwrap_or(i64::MAX).max(1);
        let burst = i64::from(self.burst.max(1));
        Allowance { interval_ms, tolerance_ms: interval_ms.saturating_mul(burst - 1) }
    }

    /// The most requests one key can make in `window`: the burst, then one per interval.
    pub fn most_in(self, window: Duration) -> u64 {
        u64::from(self.burst.max(1)) + (window.as_millis() / self.every.as_millis().max(1)) as u64
    }
}

#[derive(Debug, Clone, Copy)]
pub struct RateConfig {
    pub sign_in_per_address: Rate,
    /// Sign-ins to one account from browsers it has not signed in from before.
    pub sign_in_per_account: Rate,
    /// Sign-ins from one known browser (a device cookie of that account).
    pub sign_in_per_device: Rate,
    /// Wrong passwords in a row after which a browser no longer counts as known.
    pub device_max_failures: u32,
    pub link_per_address: Rate,
    pub username_checks_per_address: Rate,
    pub username_checks_per_link: Rate,
    pub new_link_requests_per_address: Rate,
    /// Passkey ceremonies begun (each keeps a row until it is finished or expires).
    pub ceremonies_per_address: Rate,
    /// "Forgot your password or passkey?" asked from one address, and sign-in links sent to
    /// one account (however asked for).
    pub sign_in_links_per_address: Rate,
    pub sign_in_links_per_account: Rate,
}

impl Default for RateConfig {
    fn default() -> Self {
        Self {
            sign_in_per_address: Rate { burst: 20, every: Duration::from_secs(6) },
            sign_in_per_account: Rate { burst: 10, every: Duration::from_secs(60) },
            sign_in_per_device: Rate { burst: 5, every: Duration::from_secs(30) },
            device_max_failures: 10,
            link_per_address: Rate { burst: 30, every: Duration::from_secs(2) },
            username_checks_per_address: Rate { burst: 60, every: Duration::from_millis(500) },
            username_checks_per_link: Rate { burst: 40, every: Duration::from_secs(1) },
            new_link_requests_per_address: Rate { burst: 5, every: Duration::from_secs(60) },
            ceremonies_per_address: Rate { burst: 30, every: Duration::from_secs(2) },
            sign_in_links_per_address: Rate { burst: 5, every: Duration::from_secs(60) },
            sign_in_links_per_account: Rate { burst: 3, every: Duration::from_secs(20 * 60) },
        }
    }
}

/// The limits of this process and, through the store, of every server on its database.
pub struct RateLimits {
    config: RateConfig,
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    sign_in_per_address: Limiter,
    link_per_address: Limiter,
    username_checks_per_address: Limiter,
    new_link_requests_per_address: Limiter,
    ceremonies_per_address: Limiter,
    sign_in_links_per_address: Limiter,
}

fn take(limiter: &Limiter, client: ClientIp) -> Result<(), Limited> {
    limiter.take(&client.limit_key())
}

/// The shared buckets, by name in the `rate_limits` table.
const SIGN_IN_ACCOUNT: &str = "sign_in_account";
const USERNAME_CHECK_LINK: &str = "username_check_link";
const SIGN_IN_LINK_ACCOUNT: &str = "sign_in_link_account";

impl RateLimits {
    pub fn new(config: RateConfig, store: Arc<Store>, clock: Arc<dyn Clock>) -> Self {
        Self {
            sign_in_per_address: Limiter::new(config.sign_in_per_address),
            link_per_address: Limiter::new(config.link_per_address),
            username_checks_per_address: Limiter::new(config.username_checks_per_address),
            new_link_requests_per_address: Limiter::new(config.new_link_requests_per_address),
            ceremonies_per_address: Limiter::new(config.ceremonies_per_address),
            sign_in_links_per_address: Limiter::new(config.sign_in_links_per_address),
            config,
            store,
            clock,
        }
    }

    pub fn config(&self) -> &RateConfig {
        &self.config
    }

    /// One sign-in attempt from `client` (from a browser not known to the account).
    pub fn sign_in_address(&self, client: ClientIp) -> Result<(), Limited> {
        take(&self.sign_in_per_address, client)
    }

    /// One sign-in attempt on the account `subject` names, from a browser it doesn't know.
    pub async fn sign_in_account(&self, subject: &str) -> Result<(), LimitError> {
        self.shared(SIGN_IN_ACCOUNT, subject, self.config.sign_in_per_account).await
    }

    /// One look at, or submit of, an invitation link from `client`.
    pub fn invitation_link(&self, client: ClientIp) -> Result<(), Limited> {
        take(&self.link_per_address, client)
    }

    /// One username check from `client`, kept in memory: taken before the link is looked up.
    pub fn username_check_address(&self, client: ClientIp) -> Result<(), Limited> {
        take(&self.username_checks_per_address, client)
    }

    /// One username check on the link whose secret hashes to `link_hash`, shared by every
    /// server. Taken only once the link is known to exist and work (the caller checks), so a
    /// token of no link writes nothing.
    pub async fn username_check_link(&self, link_hash: &[u8; 32]) -> Result<(), LimitError> {
        let key = crate::server::secrets::hex(link_hash);
        self.shared(USERNAME_CHECK_LINK, &key, self.config.username_checks_per_link).await
    }

    /// How many addresses the in-memory username-check limit holds now (for tests of its
    /// memory).
    pub fn username_check_addresses(&self) -> usize {
        self.username_checks_per_address.rates.len()
    }

    /// One "Ask for a new link" from `client`.
    pub fn new_link_request(&self, client: ClientIp) -> Result<(), Limited> {
        take(&self.new_link_requests_per_address, client)
    }

    /// One passkey ceremony begun by `client`.
    pub fn ceremony(&self, client: ClientIp) -> Result<(), Limited> {
        take(&self.ceremonies_per_address, client)
    }

    /// One request for a sign-in link from `client`.
    pub fn sign_in_link_address(&self, client: ClientIp) -> Result<(), Limited> {
        take(&self.sign_in_links_per_address, client)
    }

    /// One sign-in link sent to the account `user_id`, shared by every server.
    pub async fn sign_in_link_account(&self, user_id: i64) -> Result<(), LimitError> {
        let rate = self.config.sign_in_links_per_account;
        self.shared(SIGN_IN_LINK_ACCOUNT, &format!("user:{user_id}"), rate).await
    }

    async fn shared(&self, bucket: &str, subject: &str, rate: Rate) -> Result<(), LimitError> {
        let now = self.clock.now();
        match self.store.take_allowance(bucket, subject, rate.allowance(), now).await? {
            true => Ok(()),
            false => Err(Limited.into()),
        }
    }

    /// Forgets in-memory keys that are back to a full allowance, and deletes such rows from
    /// the database, so both stay small.
    pub async fn forget_idle(&self) -> Result<(), StoreError> {
        for limiter in [
            &self.sign_in_per_address,
            &self.link_per_address,
            &self.username_checks_per_address,
            &self.new_link_requests_per_address,
            &self.ceremonies_per_address,
            &self.sign_in_links_per_address,
        ] {
            limiter.forget_idle();
        }
        self.store.sweep_allowances(self.clock.now()).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twenty requests from one address at the same moment, each on its own thread, as a
    /// flood's tasks are: all twenty are let through, the twenty-first is not. Without the
    /// lock, whichever read the clock first but wrote last was refused, now and then.
    #[test]
    fn a_burst_sent_at_once_from_many_threads_is_let_through_whole() {
        const BURST: usize = 20;
        let limiter = Limiter::new(Rate { burst: BURST as u32, every: Duration::from_secs(6) });
        let start = std::sync::Barrier::new(BURST);
        let refused = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|threads| {
            for _ in 0..BURST {
                threads.spawn(|| {
                    for address in 0..300 {
                        start.wait();
                        if limiter.take(&format!("192.0.2.{address}")).is_err() {
                            refused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        assert_eq!(refused.into_inner(), 0, "requests refused within their burst");
        assert_eq!(limiter.take(&"192.0.2.0".to_owned()), Err(Limited), "the burst is spent");
    }

    #[test]
    fn a_rate_is_its_burst_then_one_per_interval() {
        let account = Rate { burst: 10, every: Duration::from_secs(60) };
        assert_eq!(account.allowance(), Allowance { interval_ms: 60_000, tolerance_ms: 540_000 });
        assert_eq!(account.most_in(Duration::from_secs(3600)), 70);
        let one = Rate { burst: 0, every: Duration::ZERO };
        assert_eq!(one.allowance(), Allowance { interval_ms: 1, tolerance_ms: 0 });
    }
}
