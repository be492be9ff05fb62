//! Calls to the server functions the pages use, as the hydrated app calls them: a form-encoded
//! POST that asks for JSON (so a refusal comes back as the error, not as a redirect).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response, UrlSearchParams};

/// A server function's answer.
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// Where the server sends the browser next (its `Location` header), on success.
    pub location: Option<String>,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Posts `fields` to the server function at `path` (one of `domain::invite_page`'s). `None`
/// when no answer came (offline, say).
pub async fn call(path: &str, fields: &UrlSearchParams) -> Option<Answer> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&String::from(fields.to_string()).into());
    let request = Request::new_with_str_and_init(path, &init).ok()?;
    let headers = request.headers();
    headers.set("content-type", "application/x-www-form-urlencoded").ok()?;
    headers.set("accept", "application/json").ok()?;
    let window = crate::dom::window()?;
    let response: Response =
        JsFuture::from(window.fetch_with_request(&request)).await.ok()?.dyn_into().ok()?;
    let location = response.headers().get("location").ok().flatten();
    let body = JsFuture::from(response.text().ok()?).await.ok()?.as_string().unwrap_or_default();
    Some(Answer { status: response.status(), body, location })
}

/// Posts `fields` to `path`: the answer when the server took them, or else the sentence to
/// show, the server's own refusal or, when none came, that the network is unreachable.
pub async fn send(path: &str, fields: &UrlSearchParams) -> Result<Answer, String> {
    let unreachable = || crate::words::t("network-unreachable");
    let answer = call(path, fields).await.ok_or_else(unreachable)?;
    if answer.ok() {
        return Ok(answer);
    }
    Err(answer.body.strip_prefix("ServerError|").map_or_else(unreachable, str::to_owned))
}

/// The form's fields as `name=value` pairs.
pub fn fields(pairs: &[(&str, &str)]) -> Option<UrlSearchParams> {
    let params = UrlSearchParams::new().ok()?;
    for (name, value) in pairs {
        params.append(name, value);
    }
    Some(params)
}
