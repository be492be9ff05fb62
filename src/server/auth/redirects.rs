//! Where the server may send a browser: only to paths on this site, checked before any
//! header is built from them.

use url::Url;

use crate::domain::Role;

/// `next` as a path on this site, or `None`. It must be a path (`/…`), hold no control
/// character or backslash anywhere, and resolve against `PUBLIC_URL` to the same origin.
/// Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/<TAB>/evil.example`
/// would otherwise leave the site; the answer is the path as the URL parser normalised it,
/// which is plain ASCII and fit for a `Location` header.
pub fn same_site_path(next: &str, site: &Url) -> Option<String> {
    if !next.starts_with('/') || next.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let target = site.join(next).ok()?;
    if target.origin() != site.origin() || next.starts_with("//") {
        return None;
    }
    let mut path = target.path().to_owned();
    if let Some(query) = target.query() {
        path.push('?');
        path.push_str(query);
    }
    Some(path)
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
        ] {
            let landed = landing(Some(hostile), Role::Teacher, &site());
            if hostile.starts_with("/%09") {
                assert_eq!(landed, hostile, "an encoded tab is just a path segment");
            } else {
                assert_eq!(landed, "/account", "{hostile:?} was followed");
            }
        }
    }
}
