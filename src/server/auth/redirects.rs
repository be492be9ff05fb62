//! Where the server may send a browser: only to paths on this site, checked before any
//! header is built from them.

use url::Url;

use crate::domain::Role;

/// `next` as a place on this site, or `None`. It must be a path (`/…`) with no control
/// character or backslash anywhere (browsers drop tabs and newlines from URLs and read `\`
/// as `/`). The answer is made only from the URL `next` resolves to, never from its text,
/// and is then checked as a browser will read it (`location_on_site`): a path that
/// normalises to `//host` (`/.//evil.example`, `/a/..//evil.example`) would be read as
/// another host.
pub fn same_site_path(next: &str, site: &Url) -> Option<String> {
    if !next.starts_with('/') || next.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let target = site.join(next).ok().filter(|target| target.origin() == site.origin())?;
    let mut location = target.path().to_owned();
    if let Some(query) = target.query() {
        location.push('?');
        location.push_str(query);
    }
    location_on_site(&location, site).then_some(location)
}

/// Whether a `Location` value, read as a browser reads one (resolved against the site by
/// the WHATWG URL rules), leads to this site's origin and is fit for a header. The last
/// check before any redirect is sent.
pub fn location_on_site(location: &str, site: &Url) -> bool {
    axum::http::HeaderValue::from_str(location).is_ok()
        && site.join(location).is_ok_and(|read| read.origin() == site.origin())
}

/// Where a person goes after signing in: `next` when it is a path on this site, else the
/// Invites page for a Super-Admin and the account page for everyone else.
pub fn landing(next: Option<&str>, role: Role, site: &Url) -> String {
    match next.and_then(|next| same_site_path(next, site)) {
        Some(path) => path,
        None if role == Role::SuperAdmin => "/modules/staff/invites".to_owned(),
        None => "/account".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Url {
        "https://staff.school.org".parse().unwrap()
    }

    #[test]
    fn local_paths_are_followed_as_normalised() {
        assert_eq!(
            landing(Some("/modules/staff/invites?status=pending"), Role::Teacher, &site()),
            "/modules/staff/invites?status=pending"
        );
        assert_eq!(landing(Some("/account/../account"), Role::Teacher, &site()), "/account");
        assert_eq!(
            landing(Some("/a b?q=é"), Role::Teacher, &site()),
            "/a%20b?q=%C3%A9",
            "ASCII, fit for a header"
        );
        assert_eq!(landing(None, Role::AdminStaff, &site()), "/account");
        assert_eq!(landing(None, Role::SuperAdmin, &site()), "/modules/staff/invites");
    }

    #[test]
    fn anything_that_could_leave_the_site_is_refused() {
        for hostile in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\u{0}x",
            "/\u{85}/evil.example",
            "\\/evil.example",
            " /evil",
            "evil.example",
            "javascript:alert(1)",
            "/%09/ok-but-encoded-is-a-path",
            "/.//evil.example/x",
            "/%2e//evil.example",
            "/a/..//evil.example",
            "/.// ",
        ] {
            let landed = landing(Some(hostile), Role::Teacher, &site());
            if hostile.starts_with("/%09") {
                assert_eq!(landed, hostile, "an encoded tab is just a path segment");
            } else {
                assert_eq!(landed, "/account", "{hostile:?} was followed");
            }
        }
    }

    /// A hostile `next`: paths of segments (dot segments plain and encoded, empty ones that
    /// make `//`, hosts, backslashes, whitespace browsers drop, schemes, credentials,
    /// look-alike slashes), the same pieces run together, or any text at all.
    fn hostile_next() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "",
            ".",
            "..",
            "%2e",
            "%2E",
            "%2e%2E",
            ".%2e",
            "%2f",
            "%5c",
            "\\",
            "\t",
            "\n",
            " ",
            "evil.example",
            "@",
            ":",
            "?",
            "#",
            "a",
            "https:",
            "javascript:",
            "%00",
            "\u{3002}",
            "\u{ff0f}",
            "\u{2215}",
            "%09",
            "\u{85}",
            ";",
            "/",
        ]);
        prop_oneof![
            prop::collection::vec(piece.clone(), 1..8)
                .prop_map(|segments| { format!("/{}", segments.join("/")) }),
            prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat()),
            any::<String>(),
            any::<String>().prop_map(|s| format!("/{s}")),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Whatever `next` is, the place a browser goes, reading the answer's `Location` as it
        /// reads one (resolved against the site by the WHATWG rules), is on this site.
        #[test]
        fn every_landing_resolves_to_this_site(next in hostile_next()) {
            let site = site();
            let landed = landing(Some(&next), Role::Teacher, &site);
            proptest::prop_assert!(axum::http::HeaderValue::from_str(&landed).is_ok());
            let read = site.join(&landed);
            proptest::prop_assert!(read.is_ok(), "{:?} -> {:?}: unreadable", next, landed);
            let origin = read.map(|read| read.origin());
            proptest::prop_assert_eq!(origin, Ok(site.origin()), "{:?} -> {:?}", next, landed);
        }
    }
}
