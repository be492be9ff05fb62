//! The expired invitations' digest: one email a day at most to a Super-Admin, listing the
//! invitations they sent that expired since the last one, with a link to Invites filtered to
//! Expired. Its payload holds no secret (its links are the dashboard's and the account
//! page's), so nothing in it is sealed.

use minijinja::context;
use serde::{Deserialize, Serialize};

use super::templates::{RenderError, RenderedMail, environment, language};
use crate::domain::{Language, Message, Timestamp};
use crate::server::school::School;

/// The most addresses one digest lists; the rest are counted ("and 12 more").
pub const LISTED: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestMessage {
    pub to: String,
    /// The admin's full name.
    pub name: String,
    /// The admin's language; `None`: the school's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The first `LISTED` expired invitations, oldest expiry first.
    pub expired: Vec<Expired>,
    /// How many more expired than are listed.
    pub more: u32,
    /// Invites, filtered to Expired.
    pub invites_link: String,
    /// The account page, where the digest is turned off.
    pub account_link: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expired {
    pub email: String,
    pub expired_at: Timestamp,
}

impl DigestMessage {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(payload: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(payload)
    }

    /// How many invitations it tells of.
    pub fn count(&self) -> u64 {
        self.expired.len() as u64 + u64::from(self.more)
    }
}

/// The digest's email, in the admin's language (else the school's).
pub fn render(payload: &str, school: &School) -> Result<RenderedMail, RenderError> {
    let p = DigestMessage::from_json(payload)?;
    let tr = language(p.language.as_ref(), school);
    let count = p.count();
    let counted = |id: &str| tr.say(&Message::new(id).number("count", count));
    let items: Vec<String> = p
        .expired
        .iter()
        .map(|expired| {
            tr.say(
                &Message::new("mail-digest-item")
                    .text("email", expired.email.as_str())
                    .text("on", school.zone.wording_in(expired.expired_at, tr)),
            )
        })
        .collect();
    let subject = counted("mail-digest-subject");
    let ctx = context! {
        lang => tr.tag(),
        dir => tr.dir(),
        subject => subject,
        school => school.name.as_str(),
        heading => tr.t("mail-digest-heading"),
        hello => tr.say(&Message::new("mail-hello-name").text("name", p.name.as_str())),
        lead => counted("mail-digest-lead"),
        items => items,
        more => (p.more > 0).then(|| tr.say(&Message::new("mail-digest-more").number("count", p.more))),
        resend => tr.t("mail-digest-resend"),
        button => tr.t("mail-digest-button"),
        invites_link => p.invites_link,
        turn_off => tr.t("mail-digest-turn-off"),
        account_link => p.account_link,
    };
    let env = environment();
    Ok(RenderedMail {
        text: env.get_template("expiry_digest.txt")?.render(&ctx)?,
        html: env.get_template("expiry_digest.html")?.render(&ctx)?,
        to: p.to,
        subject,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(count: usize, more: u32) -> DigestMessage {
        DigestMessage {
            to: "head@school.org".into(),
            name: "Alex Head".into(),
            language: None,
            expired: (0..count)
                .map(|n| Expired {
                    email: format!("person{n}@school.org"),
                    expired_at: Timestamp(1_795_555_800_000),
                })
                .collect(),
            more,
            invites_link: "https://staff.example.org/modules/staff/invites?status=expired".into(),
            account_link: "https://staff.example.org/account".into(),
        }
    }

    #[test]
    fn a_digest_lists_the_addresses_and_links_to_expired_invites() {
        let mail = render(&digest(2, 0).to_json(), &School::named("Greenwood")).unwrap();
        assert_eq!(mail.to, "head@school.org");
        assert_eq!(mail.subject, "2 invitations you sent have expired");
        let html = mail.html.replace("&#x2f;", "/");
        for part in [&mail.text, &html] {
            assert!(part.contains("Hello Alex Head"), "{part}");
            assert!(part.contains("person0@school.org") && part.contains("person1@school.org"));
            assert!(part.contains("Tuesday, 24 November 2026 at 21:30 UTC"), "{part}");
            assert!(part.contains("/modules/staff/invites?status=expired"), "{part}");
            assert!(part.contains("https://staff.example.org/account"), "{part}");
            assert!(!part.contains("more"), "{part}");
        }
        let one = render(&digest(1, 0).to_json(), &School::named("Greenwood")).unwrap();
        assert_eq!(one.subject, "An invitation you sent has expired");
    }

    #[test]
    fn a_long_digest_counts_what_it_does_not_list() {
        let mail = render(&digest(LISTED, 7).to_json(), &School::named("Greenwood")).unwrap();
        assert_eq!(mail.subject, "57 invitations you sent have expired");
        assert!(mail.text.contains("and 7 more"), "{}", mail.text);
    }
}
