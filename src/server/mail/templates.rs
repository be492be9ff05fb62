//! Renders outbox payloads into emails: a subject, a plain-text part and an HTML part that
//! reads well in narrow phone mail clients. No images, no tracking.

use std::sync::OnceLock;

use minijinja::{Environment, context};

use super::message::{InvitationMessage, MessageKind, SignInLinkMessage};
use crate::domain::{Role, Timestamp};
use crate::server::school::School;
use crate::server::secrets::{SealError, Sealer};

/// A message ready to hand to a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("unreadable outbox payload: {0}")]
    Payload(#[from] serde_json::Error),
    #[error("{0}")]
    Sealed(#[from] SealError),
    #[error("unknown message kind {0:?}")]
    Kind(String),
    #[error("template failed: {0}")]
    Template(#[from] minijinja::Error),
}

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        // A variable the templates name but the context lacks is an error, never an empty
        // gap in someone's email.
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        // `.html` templates are auto-escaped; `.txt` ones are not.
        env.add_template("invitation.html", include_str!("templates/invitation.html"))
            .expect("invitation.html parses");
        env.add_template("invitation.txt", include_str!("templates/invitation.txt"))
            .expect("invitation.txt parses");
        env.add_template("sign_in_link.html", include_str!("templates/sign_in_link.html"))
            .expect("sign_in_link.html parses");
        env.add_template("sign_in_link.txt", include_str!("templates/sign_in_link.txt"))
            .expect("sign_in_link.txt parses");
        env
    })
}

/// Renders one outbox message, opening its sealed link. `now` is when it is sent, for
/// "expires in 24 hours"; the exact expiry is on the school's clocks.
pub fn render(
    kind: &str,
    payload: &str,
    school: &School,
    now: Timestamp,
    sealer: &Sealer,
) -> Result<RenderedMail, RenderError> {
    let kind = MessageKind::parse(kind).ok_or_else(|| RenderError::Kind(kind.to_owned()))?;
    if kind == MessageKind::SignInLink {
        return sign_in_link(payload, school, now, sealer);
    }
    let p = InvitationMessage::from_json(payload)?;
    let link = p.link(sealer)?;
    let resend = kind == MessageKind::Resend;
    let expires_on = school.zone.wording(p.expires_at);
    let school = school.name.as_str();
    let role_with_article = match p.role {
        Role::AdminStaff => "a member of the Admin Staff".to_owned(),
        Role::SuperAdmin => "a Super-Admin".to_owned(),
        Role::Teacher => "a Teacher".to_owned(),
    };
    let subject = if resend {
        format!("Your new invitation link for {school}")
    } else {
        let role = match p.role {
            Role::AdminStaff => "Admin Staff",
            Role::Teacher => "a Teacher",
            Role::SuperAdmin => "a Super-Admin",
        };
        format!("You're invited to join {school} as {role}")
    };
    let ctx = context! {
        subject => subject,
        school => school,
        // Invitations made by the system itself (the CLI, the first admin) name no inviter.
        inviter_name => p.inviter_name,
        role_with_article => role_with_article,
        link => link,
        expires_in => p.expires_at.relative_to(now),
        expires_on => expires_on,
        resend => resend,
        resend_number => p.resend_number,
    };
    let env = environment();
    Ok(RenderedMail {
        text: env.get_template("invitation.txt")?.render(&ctx)?,
        html: env.get_template("invitation.html")?.render(&ctx)?,
        to: p.to,
        subject,
    })
}

/// A sign-in link's email.
fn sign_in_link(
    payload: &str,
    school: &School,
    now: Timestamp,
    sealer: &Sealer,
) -> Result<RenderedMail, RenderError> {
    let p = SignInLinkMessage::from_json(payload)?;
    let subject = format!("Your sign-in link for {}", school.name);
    let ctx = context! {
        subject => subject,
        school => school.name.as_str(),
        full_name => p.full_name,
        username => p.username,
        sent_by => p.sent_by,
        link => p.link(sealer)?,
        expires_in => p.expires_at.relative_to(now),
        expires_on => school.zone.wording(p.expires_at),
    };
    let env = environment();
    Ok(RenderedMail {
        text: env.get_template("sign_in_link.txt")?.render(&ctx)?,
        html: env.get_template("sign_in_link.html")?.render(&ctx)?,
        to: p.to,
        subject,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer() -> Sealer {
        Sealer::new([9; 32])
    }

    fn payload(name: Option<&str>, resend: Option<u32>) -> String {
        InvitationMessage::new(
            &sealer(),
            "sam@school.org",
            Role::AdminStaff,
            name,
            "https://staff.example.org/invite/abc",
            Timestamp(1_795_555_800_000),
            resend,
        )
        .unwrap()
        .to_json()
    }

    fn render(
        kind: &str,
        payload: &str,
        school: &str,
        now: Timestamp,
    ) -> Result<RenderedMail, RenderError> {
        super::render(kind, payload, &School::named(school), now, &sealer())
    }

    #[test]
    fn an_invitation_says_who_what_where_and_until_when() {
        let now = Timestamp(1_795_555_800_000 - 24 * 3600 * 1000);
        let mail =
            render("invitation", &payload(Some("Alex Head"), None), "Greenwood High", now).unwrap();
        assert_eq!(mail.subject, "You're invited to join Greenwood High as Admin Staff");
        assert_eq!(mail.to, "sam@school.org");
        // minijinja escapes "/" in HTML as "&#x2f;", which browsers and mail clients decode.
        let html = mail.html.replace("&#x2f;", "/");
        for part in [&mail.text, &html] {
            assert!(part.contains("Alex Head"));
            assert!(part.contains("Greenwood High"));
            assert!(part.contains("Admin Staff"));
            assert!(part.contains("https://staff.example.org/invite/abc"));
            assert!(part.contains("in 24 hours"));
            assert!(part.contains("Tuesday 24 November 2026, 21:30 UTC"));
            assert!(
                part.contains("weren't expecting this email")
                    || part.contains("weren&#x27;t expecting")
            );
            assert!(!part.contains("earlier invitation links no longer work"));
        }
        assert!(!mail.html.contains("<img"), "no images or tracking pixels");
        assert!(mail.html.contains("max-width:560px"), "fits a phone");
    }

    #[test]
    fn the_expiry_is_on_the_schools_clocks() {
        use crate::server::school::SchoolZone;
        let school = School {
            name: "Greenwood High".into(),
            zone: SchoolZone::parse("Asia/Kolkata").unwrap(),
        };
        let now = Timestamp(1_795_555_800_000 - 24 * 3600 * 1000);
        let mail =
            super::render("invitation", &payload(None, None), &school, now, &sealer()).unwrap();
        for part in [&mail.text, &mail.html] {
            // 21:30 UTC is 03:00 the next day in India.
            assert!(part.contains("Wednesday 25 November 2026, 03:00 IST"), "{part}");
            assert!(part.contains("in 24 hours"));
            assert!(!part.contains("UTC"));
        }
    }

    #[test]
    fn a_resend_says_earlier_links_no_longer_work() {
        let mail =
            render("resend", &payload(Some("Alex"), Some(2)), "Greenwood", Timestamp(0)).unwrap();
        assert_eq!(mail.subject, "Your new invitation link for Greenwood");
        assert!(mail.text.contains("earlier invitation links no longer work"));
        assert!(mail.html.contains("earlier invitation links no longer work"));
    }

    #[test]
    fn a_system_invitation_names_no_inviter_and_an_admin_named_system_is_named() {
        let named = render("invitation", &payload(Some("System"), None), "G", Timestamp(0));
        assert!(named.unwrap().text.contains("System"), "a real admin called System");
        let mail = render("invitation", &payload(None, None), "Greenwood", Timestamp(0)).unwrap();
        assert!(
            mail.text
                .contains("You have been invited to join Greenwood as a member of the Admin Staff")
        );
        assert!(!mail.text.contains("System"));
        assert!(mail.html.contains("You have been invited to join Greenwood"));
    }

    #[test]
    fn names_are_escaped_in_html() {
        let mail = render(
            "invitation",
            &payload(Some("<script>alert(1)</script>"), None),
            "A & B",
            Timestamp(0),
        )
        .unwrap();
        assert!(!mail.html.contains("<script>"));
        assert!(mail.html.contains("&lt;script&gt;"));
        assert!(mail.html.contains("A &amp; B"));
        assert!(mail.text.contains("<script>alert(1)</script>"), "plain text is not HTML");
    }

    /// A variable a template names but the context lacks fails the render, rather than leave
    /// a gap in someone's email.
    #[test]
    fn an_unknown_template_variable_is_an_error() {
        let env = super::environment();
        assert!(env.render_str("Hello {{ no_such_name }}", minijinja::context! {}).is_err());
        assert!(
            env.render_str("{{ school.nope }}", minijinja::context! { school => "S" }).is_err()
        );
    }

    #[test]
    fn unknown_kinds_and_broken_payloads_are_errors() {
        assert!(matches!(render("newsletter", "{}", "S", Timestamp(0)), Err(RenderError::Kind(_))));
        assert!(matches!(
            render("invitation", "{", "S", Timestamp(0)),
            Err(RenderError::Payload(_))
        ));
        let other_key = super::render(
            "invitation",
            &payload(None, None),
            &School::named("S"),
            Timestamp(0),
            &Sealer::new([1; 32]),
        );
        assert!(matches!(other_key, Err(RenderError::Sealed(_))));
    }
}
