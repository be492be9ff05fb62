//! Rate limits (governor, keyed, in memory): sign-in per IP and per account, invitation
//! links per IP, and username checks per IP and per link. A limited request gets 429 and a
//! sentence. Every key is bounded in size: an address, a case-folded login the length of a
//! valid one, or a link's hash, never raw input of any length.

use std::{num::NonZeroU32, time::Duration};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

type Limiter = DefaultKeyedRateLimiter<String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Too many attempts. Wait a minute, then try again.")]
pub struct Limited;

/// How many requests each key may make: `burst` at once, then one per `every`.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub burst: u32,
    pub every: Duration,
}

#[derive(Debug, Clone, Copy)]
pub struct RateConfig {
    pub sign_in_per_ip: Rate,
    pub sign_in_per_account: Rate,
    pub link_per_ip: Rate,
    pub username_checks_per_ip: Rate,
    pub username_checks_per_link: Rate,
    pub new_link_requests_per_ip: Rate,
}

impl Default for RateConfig {
    fn default() -> Self {
        Self {
            sign_in_per_ip: Rate { burst: 20, every: Duration::from_secs(6) },
            sign_in_per_account: Rate { burst: 5, every: Duration::from_secs(12) },
            link_per_ip: Rate { burst: 30, every: Duration::from_secs(2) },
            username_checks_per_ip: Rate { burst: 60, every: Duration::from_millis(500) },
            username_checks_per_link: Rate { burst: 40, every: Duration::from_secs(1) },
            new_link_requests_per_ip: Rate { burst: 5, every: Duration::from_secs(60) },
        }
    }
}

pub struct RateLimits {
    sign_in_per_ip: Limiter,
    sign_in_per_account: Limiter,
    link_per_ip: Limiter,
    username_checks_per_ip: Limiter,
    username_checks_per_link: Limiter,
    new_link_requests_per_ip: Limiter,
}

fn limiter(rate: Rate) -> Limiter {
    let burst = NonZeroU32::new(rate.burst.max(1)).expect("at least 1");
    let quota =
        Quota::with_period(rate.every.max(Duration::from_millis(1))).expect("a non-zero period");
    RateLimiter::keyed(quota.allow_burst(burst))
}

fn take(limiter: &Limiter, key: &str) -> Result<(), Limited> {
    limiter.check_key(&key.to_owned()).map_err(|_| Limited)
}

impl RateLimits {
    pub fn new(config: RateConfig) -> Self {
        Self {
            sign_in_per_ip: limiter(config.sign_in_per_ip),
            sign_in_per_account: limiter(config.sign_in_per_account),
            link_per_ip: limiter(config.link_per_ip),
            username_checks_per_ip: limiter(config.username_checks_per_ip),
            username_checks_per_link: limiter(config.username_checks_per_link),
            new_link_requests_per_ip: limiter(config.new_link_requests_per_ip),
        }
    }

    /// One sign-in attempt from `ip` for the (case-folded) `login`.
    pub fn sign_in(&self, ip: &str, login: &str) -> Result<(), Limited> {
        take(&self.sign_in_per_ip, ip)?;
        take(&self.sign_in_per_account, &login.trim().to_lowercase())
    }

    /// One look at, or submit of, an invitation link from `ip`.
    pub fn invitation_link(&self, ip: &str) -> Result<(), Limited> {
        take(&self.link_per_ip, ip)
    }

    /// One username check from `ip` on the link whose secret hashes to `link_hash` (the
    /// caller checks the token's shape first, so no raw token becomes a key).
    pub fn username_check(&self, ip: &str, link_hash: &[u8; 32]) -> Result<(), Limited> {
        take(&self.username_checks_per_ip, ip)?;
        let key: String = link_hash.iter().map(|b| format!("{b:02x}")).collect();
        take(&self.username_checks_per_link, &key)
    }

    /// How many keys the username-check limits hold now (for tests of their memory).
    pub fn username_check_keys(&self) -> usize {
        self.username_checks_per_ip.len() + self.username_checks_per_link.len()
    }

    /// One "Ask for a new link" from `ip`.
    pub fn new_link_request(&self, ip: &str) -> Result<(), Limited> {
        take(&self.new_link_requests_per_ip, ip)
    }

    /// Forgets keys that are back to a full allowance, so memory stays small.
    pub fn forget_idle(&self) {
        for limiter in [
            &self.sign_in_per_ip,
            &self.sign_in_per_account,
            &self.link_per_ip,
            &self.username_checks_per_ip,
            &self.username_checks_per_link,
            &self.new_link_requests_per_ip,
        ] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        Self::new(RateConfig::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_trip_per_key_and_recover() {
        let rate = Rate { burst: 2, every: Duration::from_millis(100) };
        let limits = RateLimits::new(RateConfig {
            sign_in_per_ip: Rate { burst: 100, every: Duration::from_millis(1) },
            sign_in_per_account: rate,
            link_per_ip: rate,
            username_checks_per_ip: Rate { burst: 3, every: Duration::from_secs(60) },
            username_checks_per_link: rate,
            new_link_requests_per_ip: rate,
        });
        assert!(limits.sign_in("1.1.1.1", "robin").is_ok());
        assert!(limits.sign_in("2.2.2.2", "ROBIN ").is_ok());
        assert_eq!(limits.sign_in("3.3.3.3", "robin"), Err(Limited), "per account, across IPs");
        assert!(limits.sign_in("3.3.3.3", "someone.else").is_ok());
        std::thread::sleep(Duration::from_millis(250));
        assert!(limits.sign_in("3.3.3.3", "robin").is_ok(), "recovers");

        let (t1, t2) = ([1u8; 32], [2u8; 32]);
        assert!(limits.username_check("5.5.5.5", &t1).is_ok());
        assert!(limits.username_check("5.5.5.6", &t1).is_ok());
        assert_eq!(limits.username_check("5.5.5.7", &t1), Err(Limited), "per link");
        assert!(limits.username_check("5.5.5.7", &t2).is_ok());
        assert!(limits.username_check("5.5.5.8", &t2).is_ok());
        assert!(limits.username_check("5.5.5.8", &[3; 32]).is_ok());
        assert!(limits.username_check("5.5.5.8", &[4; 32]).is_ok());
        assert_eq!(limits.username_check("5.5.5.8", &[5; 32]), Err(Limited), "per address");

        assert!(limits.new_link_request("4.4.4.4").is_ok());
        assert!(limits.new_link_request("4.4.4.4").is_ok());
        assert_eq!(limits.new_link_request("4.4.4.4"), Err(Limited), "per IP");
    }
}
