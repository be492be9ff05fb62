//! Link secrets: 32 bytes from the operating system's CSPRNG, base64url in the link, and
//! only their SHA-256 in the database.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

const SECRET_BYTES: usize = 32;
/// base64url without padding of 32 bytes.
const ENCODED_LEN: usize = 43;

/// A fresh secret, as it goes into the link, and the hash that is stored.
pub struct LinkSecret {
    pub token: String,
    pub hash: [u8; 32],
}

impl LinkSecret {
    pub fn generate() -> Result<Self, getrandom::Error> {
        let mut secret = [0u8; SECRET_BYTES];
        getrandom::fill(&mut secret)?;
        Ok(Self { token: URL_SAFE_NO_PAD.encode(secret), hash: hash_secret(&secret) })
    }
}

/// The stored form of the token in a link, or `None` when it cannot be one of ours.
pub fn hash_token(token: &str) -> Option<[u8; 32]> {
    if token.len() != ENCODED_LEN {
        return None;
    }
    let secret = URL_SAFE_NO_PAD.decode(token).ok()?;
    let secret: [u8; SECRET_BYTES] = secret.try_into().ok()?;
    // Only the canonical encoding is accepted: a different string never maps to the same link.
    (URL_SAFE_NO_PAD.encode(secret) == token).then(|| hash_secret(&secret))
}

fn hash_secret(secret: &[u8]) -> [u8; 32] {
    Sha256::digest(secret).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_token_hashes_to_its_stored_hash() {
        let secret = LinkSecret::generate().unwrap();
        assert_eq!(secret.token.len(), ENCODED_LEN);
        assert_eq!(hash_token(&secret.token), Some(secret.hash));
        assert_ne!(LinkSecret::generate().unwrap().token, secret.token);
    }

    #[test]
    fn tampered_tokens_are_refused() {
        let token = LinkSecret::generate().unwrap().token;
        assert_eq!(hash_token(&token[..42]), None, "truncated");
        assert_eq!(hash_token(&format!("{token}A")), None, "extended");
        assert_eq!(hash_token("not a token at all, not a token at all, no!"), None);
        assert_eq!(hash_token(""), None);
        let mut flipped = token.clone().into_bytes();
        flipped[5] = if flipped[5] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert_ne!(hash_token(&flipped), hash_token(&token), "a changed character is another link");
    }
}
