//! The browser's side of a passkey ceremony, for the light pages' small WASM
//! (`crates/light-pages`): setup, sign-in, recovery and the account page. The server sends
//! WebAuthn options as JSON and gets the authenticator's answer as JSON; in between, the
//! browser's own helpers do the conversions (`PublicKeyCredential.parseCreationOptionsFromJSON`,
//! `parseRequestOptionsFromJSON`, `toJSON`), so this crate carries no JSON or base64 code of its own.
//!
//! A browser without those helpers, or without WebAuthn, is treated as one without passkeys:
//! the pages then offer only the password.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a ceremony in the browser came to nothing, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The person closed the prompt, or it timed out (`NotAllowedError`), or it was
    /// stopped for another ceremony (`AbortError`).
    Cancelled,
    /// This authenticator already holds a passkey for the account (`InvalidStateError`).
    AlreadyHere,
    /// This browser can't make or use passkeys.
    Unsupported,
    /// Anything else the browser reported.
    Other(String),
}

impl domain::Sentence for Failure {
    fn message(&self) -> domain::Message {
        match self {
            Failure::Cancelled => domain::Message::new("passkey-cancelled"),
            Failure::AlreadyHere => domain::Message::new("passkey-already-here"),
            Failure::Unsupported => domain::Message::new("passkey-unsupported"),
            Failure::Other(name) => {
                domain::Message::new("passkey-device-error").text("name", name.clone())
            }
        }
    }
}

fn global() -> Option<JsValue> {
    let window = web_sys::window()?;
    let class = Reflect::get(&window, &"PublicKeyCredential".into()).ok()?;
    class.is_function().then_some(class)
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into()).ok()?.dyn_into::<Function>().ok()
}

/// Whether `PublicKeyCredential.<name>()` exists and resolves to `true`.
async fn ask(name: &str) -> bool {
    let Some(class) = global() else { return false };
    let Some(check) = method(&class, name) else { return false };
    let Ok(promise) = check.call0(&class).and_then(|p| p.dyn_into::<Promise>()) else {
        return false;
    };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Whether this browser has the JSON helpers this crate relies on.
fn has_json_helpers() -> bool {
    global().is_some_and(|class| {
        method(&class, "parseCreationOptionsFromJSON").is_some()
            && method(&class, "parseRequestOptionsFromJSON").is_some()
    })
}

/// Whether a passkey can be made here: WebAuthn with its JSON helpers, and a
/// user-verifying authenticator built in (a fingerprint, a face, the screen lock).
pub async fn can_create() -> bool {
    has_json_helpers() && ask("isUserVerifyingPlatformAuthenticatorAvailable").await
}

/// Whether a passkey can be used to sign in here (one on this device, or on a phone nearby).
pub fn can_sign_in() -> bool {
    has_json_helpers()
}

/// Whether the browser offers passkeys in a username field's autofill.
pub async fn offers_autofill() -> bool {
    has_json_helpers() && ask("isConditionalMediationAvailable").await
}

/// Makes a passkey from the server's creation options (JSON); its answer, as JSON.
pub async fn create(options: &str) -> Result<String, Failure> {
    let public_key = parse("parseCreationOptionsFromJSON", options)?;
    let request = Object::new();
    set(&request, "publicKey", &public_key)?;
    call_credentials("create", &request).await
}

/// Signs in with a passkey from the server's request options (JSON); the answer, as JSON.
/// `autofill`: wait for the person to pick a passkey in the username field's suggestions
/// (conditional mediation) instead of showing a prompt; `abort` stops the wait.
pub async fn get(
    options: &str,
    autofill: bool,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<String, Failure> {
    let public_key = parse("parseRequestOptionsFromJSON", options)?;
    let request = Object::new();
    set(&request, "publicKey", &public_key)?;
    if autofill {
        set(&request, "mediation", &"conditional".into())?;
    }
    if let Some(signal) = abort {
        set(&request, "signal", signal)?;
    }
    call_credentials("get", &request).await
}

fn parse(helper: &str, options: &str) -> Result<JsValue, Failure> {
    let class = global().ok_or(Failure::Unsupported)?;
    let parse = method(&class, helper).ok_or(Failure::Unsupported)?;
    let json = js_sys::JSON::parse(options).map_err(|_| Failure::Other("options".into()))?;
    parse.call1(&class, &json).map_err(failure)
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), Failure> {
    Reflect::set(target, &key.into(), value).map(|_| ()).map_err(failure)
}

/// `navigator.credentials.<verb>(request)`, then the credential's `toJSON()`, as text.
async fn call_credentials(verb: &str, request: &Object) -> Result<String, Failure> {
    let window = web_sys::window().ok_or(Failure::Unsupported)?;
    let navigator = Reflect::get(&window, &"navigator".into()).map_err(failure)?;
    let credentials = Reflect::get(&navigator, &"credentials".into()).map_err(failure)?;
    let call = method(&credentials, verb).ok_or(Failure::Unsupported)?;
    let promise: Promise =
        call.call1(&credentials, request).map_err(failure)?.dyn_into().map_err(failure)?;
    let credential = JsFuture::from(promise).await.map_err(failure)?;
    if credential.is_null() || credential.is_undefined() {
        return Err(Failure::Cancelled);
    }
    let to_json = method(&credential, "toJSON").ok_or(Failure::Unsupported)?;
    let json = to_json.call0(&credential).map_err(failure)?;
    js_sys::JSON::stringify(&json).map(String::from).map_err(failure)
}

/// A browser's exception, by its `name`.
fn failure(error: JsValue) -> Failure {
    let name = Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string());
    match name.as_deref() {
        Some("NotAllowedError" | "AbortError") => Failure::Cancelled,
        Some("InvalidStateError") => Failure::AlreadyHere,
        Some("NotSupportedError") => Failure::Unsupported,
        Some(other) => Failure::Other(other.to_owned()),
        None => Failure::Other("unknown".into()),
    }
}
