//! Password hashing with argon2id at OWASP's parameters (m = 19456 KiB, t = 2, p = 1), run
//! on the blocking pool so it never stalls the async threads. Also the server-only half of
//! the password policy: zxcvbn's guessability estimate.

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};

use crate::domain::{Email, Password, PasswordContext, PasswordError, PasswordPolicy};

use std::sync::{
    Arc, OnceLock,
    atomic::{AtomicUsize, Ordering},
};

mod queue;

pub use queue::{Busy, HashQueue, Line};

pub const MEMORY_KIB: u32 = 19_456;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .expect("the OWASP argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Strangers' sign-ins that may wait for a core, per core: 16 hashes of about 50 ms is under
/// a second's wait; past that a stranger is told to try again in a moment (503).
pub const STRANGERS_PER_CORE: usize = 16;

/// Hashes run at most one per core. Each holds 19 MiB for its duration, so a burst of
/// sign-ins or accepts (or an attacker's) waits here instead of taking memory without bound
/// and thrashing the cores: the same throughput, a bounded footprint. Who waits where is
/// `queue`'s.
pub fn queue() -> &'static Arc<HashQueue> {
    static QUEUE: OnceLock<Arc<HashQueue>> = OnceLock::new();
    QUEUE.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        HashQueue::new(cores, cores * STRANGERS_PER_CORE)
    })
}

static RUNNING: AtomicUsize = AtomicUsize::new(0);
static STARTED: AtomicUsize = AtomicUsize::new(0);
static PEAK_RUNNING: AtomicUsize = AtomicUsize::new(0);

/// How many hashes are computing right now.
pub fn running() -> usize {
    RUNNING.load(Ordering::SeqCst)
}

/// How many hashes have started since the process started.
pub fn started() -> usize {
    STARTED.load(Ordering::SeqCst)
}

/// The most hashes that have computed at the same moment since the process started.
pub fn peak_running() -> usize {
    PEAK_RUNNING.load(Ordering::SeqCst)
}

/// Runs `work` on the blocking pool once it is this caller's turn in `line`. The slot travels
/// into the blocking task and is given back only when the work is done: a caller that goes
/// away (a client that hangs up drops its request) gives up its place in line, but never
/// frees a slot while its hash still runs.
async fn in_a_slot<T: Send + 'static>(
    line: Line,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, HashError> {
    let slot = queue().slot(line).await?;
    let task = tokio::task::spawn_blocking(move || {
        STARTED.fetch_add(1, Ordering::SeqCst);
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK_RUNNING.fetch_max(now, Ordering::SeqCst);
        let outcome = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        drop(slot);
        outcome
    });
    Ok(task.await?)
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("the password hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    /// A stranger's sign-in found the line full: refused before any hash.
    #[error(transparent)]
    Busy(#[from] Busy),
}

/// The PHC string of a new argon2id hash.
pub async fn hash(password: &Password) -> Result<String, HashError> {
    let secret = password.expose().to_owned();
    in_a_slot(Line::Known, move || hash_blocking(&secret)).await?
}

fn hash_blocking(secret: &str) -> Result<String, HashError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| HashError::Hash(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| HashError::Hash(e.to_string()))?;
    argon2()
        .hash_password(secret.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| HashError::Hash(e.to_string()))
}

/// A hash of a random secret nobody knows, with the same parameters as real ones: compared
/// against for unknown accounts at sign-in, and given to seeded benchmark accounts.
pub async fn hash_of_random_secret() -> Result<String, HashError> {
    let mut secret = [0u8; 24];
    getrandom::fill(&mut secret).map_err(|e| HashError::Hash(e.to_string()))?;
    let secret = super::secrets::hex(&secret);
    in_a_slot(Line::Known, move || hash_blocking(&secret)).await?
}

/// Whether `candidate` matches the stored hash, checked in `line`. A malformed hash never
/// matches.
pub async fn verify(stored_hash: &str, candidate: &str, line: Line) -> Result<bool, HashError> {
    let stored_hash = stored_hash.to_owned();
    let candidate = candidate.to_owned();
    in_a_slot(line, move || {
        PasswordHash::new(&stored_hash)
            .map(|parsed| argon2().verify_password(candidate.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
}

/// Whose new password it is: what it may not contain, and what makes it guessable.
pub struct Owner<'a> {
    pub email: &'a Email,
    pub username: &'a str,
    pub full_name: &'a str,
}

/// The one rule for a new account's password, for invitees and the command line alike: the
/// policy (length, not the username or email name), then zxcvbn with the person's own
/// identifiers as known words.
pub fn for_new_account(
    raw: &str,
    policy: &PasswordPolicy,
    owner: &Owner<'_>,
) -> Result<Password, PasswordError> {
    let context = PasswordContext {
        username: Some(owner.username),
        email_local_part: Some(owner.email.local_part()),
    };
    let password = Password::parse(raw, policy, &context)?;
    let mut known = vec![owner.email.as_str(), owner.email.local_part(), owner.username];
    known.extend(owner.full_name.split_whitespace());
    reject_guessable(&password, &known)?;
    Ok(password)
}

/// Refuses passwords zxcvbn scores below 3 ("safely unguessable"), counting the person's own
/// name, username and email as known words.
pub fn reject_guessable(password: &Password, known_words: &[&str]) -> Result<(), PasswordError> {
    let estimate = zxcvbn::zxcvbn(password.expose(), known_words);
    if (estimate.score() as u8) < 3 { Err(PasswordError::TooCommon) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn password(raw: &str) -> Password {
        Password::parse(raw, &PasswordPolicy::default(), &PasswordContext::default()).unwrap()
    }

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let hashed = hash(&password("correct horse battery staple")).await.unwrap();
        let parsed = PasswordHash::new(&hashed).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        assert_eq!(parsed.params.get_decimal("m"), Some(MEMORY_KIB));
        assert_eq!(parsed.params.get_decimal("t"), Some(ITERATIONS));
        assert_eq!(parsed.params.get_decimal("p"), Some(PARALLELISM));
        assert!(verify(&hashed, "correct horse battery staple", Line::Known).await.unwrap());
        assert!(!verify(&hashed, "correct horse battery stapler", Line::Stranger).await.unwrap());
        assert!(!verify("not a hash", "anything", Line::Known).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_there_are_cores() {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let hashes: Vec<_> = (0..cores * 4)
            .map(|_| tokio::spawn(async { hash(&password("violet tram orbit kettle")).await }))
            .collect();
        for hashed in hashes {
            hashed.await.unwrap().unwrap();
        }
        let peak = peak_running();
        assert!(peak >= 1 && peak <= cores, "{peak} hashes ran at once on {cores} cores");
    }

    #[test]
    fn common_passwords_are_refused_and_strong_ones_pass() {
        assert_eq!(reject_guessable(&password("password1234"), &[]), Err(PasswordError::TooCommon));
        assert_eq!(reject_guessable(&password("iloveyou2024"), &[]), Err(PasswordError::TooCommon));
        assert_eq!(
            reject_guessable(&password("greenwoodschool1"), &["greenwood", "school"]),
            Err(PasswordError::TooCommon)
        );
        assert_eq!(reject_guessable(&password("violet tram orbit kettle"), &[]), Ok(()));
    }
}
