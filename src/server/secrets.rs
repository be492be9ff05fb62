//! The key that seals what must not be readable at rest: the link in a queued email and the
//! bodies the dev mailbox keeps. It lives outside the database (`SECRET_KEY`, or a mode-0600
//! file beside the SQLite file), so a copy of the database files, a snapshot of a running
//! server or a `pg_dump` hands out no working link.

use std::{fmt, io::Write, path::Path};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chacha20poly1305::{
    KeyInit, XChaCha20Poly1305, XNonce,
    aead::{Aead, Payload},
};

use super::config::{ConfigError, SecretKey};

/// Bytes as lower-case hexadecimal: keys, random ids, hashes used as keys.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Names the format, and the key's use, in every sealed value.
const PREFIX: &str = "sealed.v1.";
const NONCE_BYTES: usize = 24;

/// Seals and opens short texts with XChaCha20-Poly1305 (a random nonce each time, so the
/// same link sealed twice reads differently). Tampering or another key is an error.
#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl fmt::Debug for Sealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sealer(..)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("a random nonce could not be drawn: {0}")]
    Random(String),
    #[error(
        "a sealed value can't be opened with this server's key (SECRET_KEY or its key file changed?)"
    )]
    Unopenable,
}

impl Sealer {
    pub fn new(key: [u8; 32]) -> Self {
        Self { cipher: XChaCha20Poly1305::new(&key.into()) }
    }

    /// The sealer of the configured key, reading the key file, or creating it (mode 0600)
    /// on first start.
    pub fn load(key: &SecretKey) -> Result<Self, ConfigError> {
        match key {
            SecretKey::Given(bytes) => Ok(Self::new(*bytes)),
            SecretKey::File(path) => Ok(Self::new(read_or_create(path)?)),
            SecretKey::Missing => Err(SecretKey::missing()),
        }
    }

    /// `plain`, sealed: `sealed.v1.` and base64url of the nonce and ciphertext. `purpose` is
    /// bound into the seal, so a value sealed for one use can't be passed off as another.
    pub fn seal(&self, purpose: &str, plain: &str) -> Result<String, SealError> {
        let mut nonce = [0u8; NONCE_BYTES];
        getrandom::fill(&mut nonce).map_err(|e| SealError::Random(e.to_string()))?;
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload { msg: plain.as_bytes(), aad: purpose.as_bytes() },
            )
            .map_err(|_| SealError::Unopenable)?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes)))
    }

    pub fn open(&self, purpose: &str, sealed: &str) -> Result<String, SealError> {
        let bytes = sealed
            .strip_prefix(PREFIX)
            .and_then(|b64| URL_SAFE_NO_PAD.decode(b64).ok())
            .filter(|bytes| bytes.len() > NONCE_BYTES)
            .ok_or(SealError::Unopenable)?;
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let plain = self
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload { msg: ciphertext, aad: purpose.as_bytes() },
            )
            .map_err(|_| SealError::Unopenable)?;
        String::from_utf8(plain).map_err(|_| SealError::Unopenable)
    }
}

/// 64 hexadecimal characters as 32 bytes.
pub fn parse_hex_key(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(key)
}

fn key_file_error(path: &Path, problem: impl fmt::Display) -> ConfigError {
    ConfigError {
        var: "SECRET_KEY",
        problem: format!("the key file {}: {problem}", path.display()),
    }
}

/// Reads the key file, or writes a new random key to it when there is none. Two processes
/// starting at once agree: only one `create_new` succeeds and the other reads its key.
fn read_or_create(path: &Path) -> Result<[u8; 32], ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            refuse_loose_permissions(path)?;
            parse_hex_key(&text)
                .ok_or_else(|| key_file_error(path, "does not hold 64 hexadecimal characters"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(path),
        Err(e) => Err(key_file_error(path, format!("can't be read ({e})"))),
    }
}

fn create(path: &Path) -> Result<[u8; 32], ConfigError> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|e| key_file_error(path, format!("its folder can't be created ({e})")))?;
    }
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| key_file_error(path, format!("no randomness ({e})")))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return read_or_create(path),
        Err(e) => return Err(key_file_error(path, format!("can't be created ({e})"))),
    };
    file.write_all(format!("{}\n", hex(&key)).as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| key_file_error(path, format!("can't be written ({e})")))?;
    tracing::info!(path = %path.display(), "created a new secret key file: back it up once, and store it somewhere other than the database's backups (a backup opens only with it)");
    Ok(key)
}

/// Like ssh with a private key: a key file others can read is refused, not used.
fn refuse_loose_permissions(path: &Path) -> Result<(), ConfigError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| key_file_error(path, format!("can't be read ({e})")))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(key_file_error(
                path,
                format!("other users may read it (mode {:o}); run chmod 600 on it", mode & 0o777),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_purpose() {
        let sealer = Sealer::new([7; 32]);
        let sealed = sealer.seal("link", "https://school.org/invite/abc").unwrap();
        assert!(sealed.starts_with(PREFIX) && !sealed.contains("invite"));
        assert_ne!(sealed, sealer.seal("link", "https://school.org/invite/abc").unwrap());
        assert_eq!(sealer.open("link", &sealed).unwrap(), "https://school.org/invite/abc");
        assert_eq!(sealer.open("body", &sealed), Err(SealError::Unopenable), "another purpose");
        assert_eq!(Sealer::new([8; 32]).open("link", &sealed), Err(SealError::Unopenable));
        // Two other characters at the end (the random nonce makes "AA" itself possible there).
        let mut tampered = sealed.clone();
        let other = if sealed.ends_with("AA") { "QA" } else { "AA" };
        tampered.replace_range(tampered.len() - 2.., other);
        assert_eq!(sealer.open("link", &tampered), Err(SealError::Unopenable));
        for junk in ["", "sealed.v1.", "sealed.v1.!!", "https://school.org/invite/abc"] {
            assert_eq!(sealer.open("link", junk), Err(SealError::Unopenable), "{junk:?}");
        }
    }

    #[test]
    fn hex_keys_are_exactly_32_bytes() {
        let hex = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";
        assert_eq!(parse_hex_key(hex).unwrap()[15], 0xff);
        assert_eq!(parse_hex_key(&format!("  {hex}\n")).unwrap()[0], 0x00);
        assert!(parse_hex_key(&hex[..62]).is_none());
        assert!(parse_hex_key(&format!("{}zz", &hex[..62])).is_none());
        assert!(parse_hex_key(&"é".repeat(32)).is_none());
    }

    #[test]
    fn the_key_file_is_made_once_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("app.db.key");
        let first = read_or_create(&path).unwrap();
        assert_eq!(read_or_create(&path).unwrap(), first, "the same key on the next start");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let refused = read_or_create(&path).unwrap_err();
            assert_eq!(refused.var, "SECRET_KEY");
            assert!(refused.problem.contains("chmod 600"), "{}", refused.problem);
        }
    }
}
