//! Who gets which language. A page: the person's own pick (the switch, remembered in a
//! cookie) > the invitation's or the account's language > the browser's `Accept-Language`
//! among the shipped ones > `SCHOOL_LANGUAGE`. An email: the invitation's or the account's
//! language > the school's.

use axum::extract::Request;
use axum::http::{HeaderValue, header, request::Parts};
use axum::middleware::Next;
use axum::response::Response;

use super::Tr;

/// The cookie that remembers the language a person picked with the switch.
pub const COOKIE: &str = "lang";

/// What a page's language is chosen from, most specific first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Choice<'a> {
    /// The `lang` cookie's value.
    pub picked: Option<&'a str>,
    /// The invitation's or the account's language.
    pub own: Option<Tr>,
    /// The `Accept-Language` header.
    pub accept_language: Option<&'a str>,
}

impl Choice<'_> {
    pub fn decide(&self, school: Tr) -> Tr {
        self.picked
            .and_then(Tr::parse)
            .or(self.own)
            .or_else(|| self.accept_language.and_then(from_accept_language))
            .unwrap_or(school)
    }
}

/// A page's language, from its request (the switch's `?lang=`, else the cookie it left),
/// then `own`, then the browser's preference, then the school's.
pub fn for_request(parts: Option<&Parts>, own: Option<Tr>, school: Tr) -> Tr {
    let Some(parts) = parts else { return own.unwrap_or(school) };
    for_headers(parts.uri.query(), &parts.headers, own, school)
}

/// `for_request` before the request is taken apart (middleware).
pub fn for_headers(
    query: Option<&str>,
    headers: &axum::http::HeaderMap,
    own: Option<Tr>,
    school: Tr,
) -> Tr {
    let picked = query_pick(query).or_else(|| cookie_pick(headers));
    let accept_language =
        headers.get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok());
    Choice { picked: picked.as_deref(), own, accept_language }.decide(school)
}

/// The shipped language named by `?lang=` in `query`.
fn query_pick(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .filter(|tag| Tr::parse(tag).is_some())
        .map(str::to_owned)
}

fn cookie_pick(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('=').map(str::to_owned))
}

/// Remembers a language picked with the switch (`?lang=` on any page) in the `lang`
/// cookie, for a year, so the next page and the next visit speak it too.
pub async fn remember_pick(request: Request, next: Next) -> Response {
    let picked = query_pick(request.uri().query());
    let mut response = next.run(request).await;
    if let Some(Ok(value)) = picked.map(|tag| HeaderValue::from_str(&remembered(&tag))) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The `Set-Cookie` value that remembers `tag` (a shipped language's), or forgets the pick
/// when it names none: an account's "School default", say.
pub fn remembered(tag: &str) -> String {
    match Tr::parse(tag) {
        Some(tr) => format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", tr.tag()),
        None => format!("{COOKIE}=; Path=/; Max-Age=0; SameSite=Lax"),
    }
}

/// The shipped language the browser prefers most: ranges in order of their `q` (ties keep
/// the header's order), each matched by tag or primary language; `*` and `q=0` never pick.
pub fn from_accept_language(header: &str) -> Option<Tr> {
    let mut ranges: Vec<(u16, usize, &str)> = header
        .split(',')
        .take(32)
        .enumerate()
        .filter_map(|(index, item)| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .map_or(Some(1000), quality)?;
            (quality > 0 && range != "*").then_some((quality, index, range))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.into_iter().find_map(|(_, _, range)| Tr::parse(range))
}

/// A `q` value in thousandths; `None` when it is not one.
fn quality(raw: &str) -> Option<u16> {
    let value: f32 = raw.trim().parse().ok()?;
    (0.0..=1.0).contains(&value).then(|| (value * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(tr: Option<Tr>) -> Option<&'static str> {
        tr.map(Tr::tag)
    }

    #[test]
    fn the_browsers_preference_is_read_in_order_of_quality() {
        assert_eq!(tag(from_accept_language("ar")), Some("ar"));
        assert_eq!(tag(from_accept_language("es-MX,es;q=0.9,en;q=0.8")), Some("es"));
        assert_eq!(tag(from_accept_language("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4")), Some("fr"));
        assert_eq!(tag(from_accept_language("en;q=0.2, ar;q=0.9")), Some("ar"));
        assert_eq!(tag(from_accept_language("fr;q=0, es")), Some("es"));
        assert_eq!(tag(from_accept_language("de, *")), None);
        assert_eq!(tag(from_accept_language("")), None);
        assert_eq!(tag(from_accept_language(";;;,q=,=;q=2,es;q=abc")), None);
    }

    #[test]
    fn the_request_names_its_pick_in_the_query_or_the_cookie() {
        let parts = |uri: &str, cookie: Option<&str>| {
            let mut request = axum::http::Request::builder().uri(uri);
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            request = request.header(header::ACCEPT_LANGUAGE, "fr");
            request.body(()).unwrap().into_parts().0
        };
        let en = Tr::english();
        let tag = |p: &Parts| for_request(Some(p), None, en).tag();
        assert_eq!(tag(&parts("/invite/x?lang=ar", Some("lang=es"))), "ar");
        assert_eq!(tag(&parts("/invite/x", Some("theme=dark; lang=es"))), "es");
        assert_eq!(tag(&parts("/invite/x?lang=xx", Some("lang=zz"))), "fr");
        assert_eq!(for_request(None, None, en).tag(), "en");
    }

    #[test]
    fn the_pick_beats_the_invitation_which_beats_the_browser_which_beats_the_school() {
        let en = Tr::english();
        let es = Tr::parse("es");
        let all = Choice { picked: Some("fr"), own: es, accept_language: Some("ar") };
        assert_eq!(all.decide(en).tag(), "fr");
        assert_eq!(Choice { picked: None, ..all }.decide(en).tag(), "es");
        assert_eq!(Choice { picked: None, own: None, ..all }.decide(en).tag(), "ar");
        assert_eq!(Choice::default().decide(Tr::parse("ar").unwrap()).tag(), "ar");
        // A cookie naming a language that isn't shipped is no pick.
        assert_eq!(Choice { picked: Some("de"), ..Choice::default() }.decide(en).tag(), "en");
    }
}
