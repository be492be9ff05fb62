//! A software authenticator for the server's passkey tests: it makes ES256 passkeys and
//! signs assertions the way a platform authenticator does (WebAuthn Level 3, "none"
//! attestation), from the same JSON options a browser gets, and answers with the JSON a
//! browser's `toJSON()` gives. Every check is the server's real one; the tests bend one
//! thing at a time (the origin, the RP ID, the counter, the user handle) to see it refused.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use p256::ecdsa::{DerSignature, SigningKey, signature::Signer};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const UP: u8 = 0x01; // user present
const UV: u8 = 0x04; // user verified
const BE: u8 = 0x08; // backup eligible
const BS: u8 = 0x10; // backed up
const AT: u8 = 0x40; // attested credential data follows

pub struct Passkey {
    pub id: Vec<u8>,
    key: SigningKey,
    pub user_handle: Vec<u8>,
    pub counter: u32,
}

pub struct SoftAuthenticator {
    /// The origin the "browser" reports in its client data.
    pub origin: String,
    /// The RP ID whose hash the authenticator signs (a real one takes it from the options).
    pub rp_id: Option<String>,
    /// Whether the person is verified (a fingerprint, a face, a PIN).
    pub verifies: bool,
    pub passkeys: Vec<Passkey>,
    /// The credential id the next passkey gets, as a cloned authenticator would give it.
    pub reuse_id: Option<Vec<u8>>,
}

/// Each passkey's key and id come from its own number, so no two authenticators share one.
static SEED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).unwrap()
}

impl SoftAuthenticator {
    pub fn new(origin: &str) -> Self {
        Self {
            origin: origin.into(),
            rp_id: None,
            verifies: true,
            passkeys: Vec::new(),
            reuse_id: None,
        }
    }

    /// Makes a passkey for the creation options (`publicKey`, as JSON); the answer as JSON.
    pub fn create(&mut self, options: &str) -> String {
        let options: Value = serde_json::from_str(options).unwrap();
        let rp_id =
            self.rp_id.clone().unwrap_or_else(|| options["rp"]["id"].as_str().unwrap().into());
        let seed = SEED.fetch_add(1, std::sync::atomic::Ordering::Relaxed).to_be_bytes();
        let key = SigningKey::from_slice(&Sha256::digest([&seed[..], b"key"].concat())).unwrap();
        let id = self.reuse_id.take().unwrap_or_else(|| Sha256::digest(seed).to_vec());
        let user_handle = unb64(options["user"]["id"].as_str().unwrap());
        let point = key.verifying_key().to_encoded_point(false);
        let mut cose = Cbor::default();
        cose.map(5);
        cose.int(1).int(2); // kty: EC2
        cose.int(3).int(-7); // alg: ES256
        cose.int(-1).int(1); // crv: P-256
        cose.int(-2).bytes(point.x().unwrap());
        cose.int(-3).bytes(point.y().unwrap());

        let mut auth_data = Sha256::digest(rp_id.as_bytes()).to_vec();
        auth_data.push(UP | self.uv() | BE | BS | AT);
        auth_data.extend(0u32.to_be_bytes());
        auth_data.extend([0u8; 16]); // AAGUID
        auth_data.extend((id.len() as u16).to_be_bytes());
        auth_data.extend(&id);
        auth_data.extend(cose.0);
        let mut attestation = Cbor::default();
        attestation.map(3);
        attestation.text("fmt").text("none");
        attestation.text("attStmt").map(0);
        attestation.text("authData").bytes(&auth_data);

        let client_data = self.client_data("webauthn.create", &options);
        self.passkeys.push(Passkey { id: id.clone(), key, user_handle, counter: 0 });
        json!({
            "id": b64(&id),
            "rawId": b64(&id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(client_data.as_bytes()),
                "attestationObject": b64(&attestation.0),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        })
        .to_string()
    }

    /// Signs in with passkey `which` for the request options (as JSON); the answer as JSON.
    pub fn get(&mut self, which: usize, options: &str) -> String {
        let handle = self.passkeys[which].user_handle.clone();
        self.get_as(which, options, &handle)
    }

    /// `get`, with `user_handle` given as the account the passkey was made for.
    pub fn get_as(&mut self, which: usize, options: &str, user_handle: &[u8]) -> String {
        let options: Value = serde_json::from_str(options).unwrap();
        let rp_id = self.rp_id.clone().unwrap_or_else(|| options["rpId"].as_str().unwrap().into());
        let client_data = self.client_data("webauthn.get", &options);
        let uv = self.uv();
        let passkey = &mut self.passkeys[which];
        passkey.counter += 1;
        let mut auth_data = Sha256::digest(rp_id.as_bytes()).to_vec();
        auth_data.push(UP | uv | BE | BS);
        auth_data.extend(passkey.counter.to_be_bytes());
        let mut signed = auth_data.clone();
        signed.extend(Sha256::digest(client_data.as_bytes()));
        let signature: DerSignature = passkey.key.sign(&signed);
        json!({
            "id": b64(&passkey.id),
            "rawId": b64(&passkey.id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(client_data.as_bytes()),
                "authenticatorData": b64(&auth_data),
                "signature": b64(signature.as_bytes()),
                "userHandle": b64(user_handle),
            },
            "clientExtensionResults": {},
        })
        .to_string()
    }

    fn uv(&self) -> u8 {
        if self.verifies { UV } else { 0 }
    }

    fn client_data(&self, kind: &str, options: &Value) -> String {
        json!({
            "type": kind,
            "challenge": options["challenge"].as_str().unwrap(),
            "origin": self.origin,
            "crossOrigin": false,
        })
        .to_string()
    }
}

/// Just enough CBOR (RFC 8949) for an attestation object and a COSE key.
#[derive(Default)]
struct Cbor(Vec<u8>);

impl Cbor {
    fn head(&mut self, major: u8, value: u64) -> &mut Self {
        let major = major << 5;
        match value {
            0..=23 => self.0.push(major | value as u8),
            24..=0xff => self.0.extend([major | 24, value as u8]),
            0x100..=0xffff => {
                self.0.push(major | 25);
                self.0.extend((value as u16).to_be_bytes());
            }
            _ => {
                self.0.push(major | 26);
                self.0.extend((value as u32).to_be_bytes());
            }
        }
        self
    }

    fn int(&mut self, value: i64) -> &mut Self {
        if value >= 0 { self.head(0, value as u64) } else { self.head(1, (-1 - value) as u64) }
    }

    fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.head(2, bytes.len() as u64);
        self.0.extend(bytes);
        self
    }

    fn text(&mut self, text: &str) -> &mut Self {
        self.head(3, text.len() as u64);
        self.0.extend(text.as_bytes());
        self
    }

    fn map(&mut self, entries: u64) -> &mut Self {
        self.head(5, entries)
    }
}
