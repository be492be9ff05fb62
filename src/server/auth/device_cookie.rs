//! The device cookie's wire form (what it holds and means is `services::sign_in`'s): sent
//! only to the sign-in endpoint, never readable by scripts, never sent cross-site, and kept
//! for `DEVICE_LIFETIME` since the browser last signed in with it.

use axum::http::{HeaderMap, header};

use crate::server::services::sign_in::DEVICE_LIFETIME;

pub const NAME: &str = "so_device";
const PATH: &str = "/api/sign_in";

/// The device cookie the request carries, if any.
pub fn from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|line| line.to_str().ok())
        .flat_map(|line| line.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == NAME).then(|| value.trim_matches('"').to_owned())
        })
}

/// The `Set-Cookie` value that gives the browser `value`.
pub fn set(value: &str, secure: bool) -> String {
    line(value, DEVICE_LIFETIME.as_secs(), secure)
}

/// The `Set-Cookie` value that removes it.
pub fn clear(secure: bool) -> String {
    line("", 0, secure)
}

fn line(value: &str, max_age: u64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{NAME}={value}; Path={PATH}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn read_from_any_cookie_line_and_written_strictly() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("so_session=abc"));
        headers.append(header::COOKIE, HeaderValue::from_static("x=1; so_device=sealed.v1.Zm9v"));
        assert_eq!(from_headers(&headers).as_deref(), Some("sealed.v1.Zm9v"));
        assert_eq!(from_headers(&HeaderMap::new()), None);
        let line = set("v", true);
        for part in
            ["Path=/api/sign_in", "HttpOnly", "SameSite=Strict", "Secure", "Max-Age=15552000"]
        {
            assert!(line.contains(part), "{line}");
        }
        assert!(!set("v", false).contains("Secure"));
        assert!(clear(false).contains("Max-Age=0"));
    }
}
