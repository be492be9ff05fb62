//! Renders outbox payloads into emails: a subject, a plain-text part and an HTML part that
//! reads well in narrow phone mail clients. No images, no tracking.

use std::sync::OnceLock;

use minijinja::{Environment, context};

use super::message::{InvitationMessage, MessageKind, SignInLinkMessage};
use crate::domain::{Language, Message, Timestamp};
use crate::server::i18n::Tr;
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

pub(super) fn environment() -> &'static Environment<'static> {
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
        env.add_template("expiry_digest.html", include_str!("templates/expiry_digest.html"))
            .expect("expiry_digest.html parses");
        env.add_template("expiry_digest.txt", include_str!("templates/expiry_digest.txt"))
            .expect("expiry_digest.txt parses");
        env
    })
}

/// Renders one outbox message, opening its sealed link, in the message's language (else
/// the school's). `now` is when it is sent, for "expires in 24 hours"; the exact expiry is
/// on the school's clocks.
pub fn render(
    kind: &str,
    payload: &str,
    school: &School,
    now: Timestamp,
    sealer: &Sealer,
) -> Result<RenderedMail, RenderError> {
    let kind = MessageKind::parse(kind).ok_or_else(|| RenderError::Kind(kind.to_owned()))?;
    match kind {
        MessageKind::SignInLink => return sign_in_link(payload, school, now, sealer),
        MessageKind::ExpiryDigest => return super::digest::render(payload, school),
        MessageKind::Invitation | MessageKind::Resend | MessageKind::Reminder => {}
    }
    let p = InvitationMessage::from_json(payload)?;
    let tr = language(p.language.as_ref(), school);
    let link = p.link(sealer)?;
    let name = school.name.as_str();
    let role = p.role.as_str();
    let expires_in = tr.relative(p.expires_at, now);
    let expires_on = school.zone.wording_in(p.expires_at, tr);
    let subject = match kind {
        MessageKind::Resend => tr.say(&Message::new("mail-resend-subject").text("school", name)),
        MessageKind::Reminder => tr.say(
            &Message::new("mail-reminder-subject")
                .text("school", name)
                .text("in", expires_in.as_str()),
        ),
        _ => {
            tr.say(&Message::new("mail-invitation-subject").text("school", name).text("role", role))
        }
    };
    let (heading, expires) = match kind {
        MessageKind::Reminder => ("mail-reminder-heading", "mail-reminder-expires"),
        _ => ("mail-invitation-heading", "mail-invitation-expires"),
    };
    // Invitations made by the system itself (the CLI, the first admin) name no inviter.
    let lead = match &p.inviter_name {
        Some(inviter) => Message::new("mail-invited-by").text("inviter", inviter.as_str()),
        None => Message::new("mail-invited"),
    };
    let ctx = context! {
        lang => tr.tag(),
        dir => tr.dir(),
        subject => subject,
        school => name,
        heading => tr.say(&Message::new(heading).text("school", name)),
        hello => tr.t("mail-hello"),
        lead => tr.say(&lead.text("school", name).text("role", role)),
        set_up_with => tr.t("mail-set-up-with"),
        button => tr.t("mail-set-up-button"),
        link => link,
        expires => tr.say(&Message::new(expires).text("in", expires_in).text("on", expires_on)),
        new_link => (kind == MessageKind::Resend).then(|| tr.t("mail-new-link")),
        what_next => tr.t("mail-what-next"),
        copy_link => tr.t("mail-copy-link"),
        ignore => tr.t("mail-invitation-ignore"),
    };
    let env = environment();
    Ok(RenderedMail {
        text: env.get_template("invitation.txt")?.render(&ctx)?,
        html: env.get_template("invitation.html")?.render(&ctx)?,
        to: p.to,
        subject,
    })
}

/// The language an email is written in: its own when shipped, else the school's.
pub(super) fn language(own: Option<&Language>, school: &School) -> Tr {
    own.and_then(Tr::find).unwrap_or(school.language)
}

/// A sign-in link's email.
fn sign_in_link(
    payload: &str,
    school: &School,
    now: Timestamp,
    sealer: &Sealer,
) -> Result<RenderedMail, RenderError> {
    let p = SignInLinkMessage::from_json(payload)?;
    let tr = language(p.language.as_ref(), school);
    let name = school.name.as_str();
    let subject = tr.say(&Message::new("mail-sign-in-subject").text("school", name));
    let lead = match &p.sent_by {
        Some(sender) => Message::new("mail-sign-in-sent-by").text("sender", sender.as_str()),
        None => Message::new("mail-sign-in-asked").text("username", p.username.as_str()),
    };
    let ctx = context! {
        lang => tr.tag(),
        dir => tr.dir(),
        subject => subject,
        school => name,
        heading => tr.t("mail-sign-in-heading"),
        hello => tr.say(&Message::new("mail-hello-name").text("name", p.full_name.as_str())),
        lead => tr.say(&lead.text("school", name)),
        button => tr.t("mail-sign-in-button"),
        link => p.link(sealer)?,
        expires => tr.say(&Message::new("mail-sign-in-expires")
            .text("in", tr.relative(p.expires_at, now))
            .text("on", school.zone.wording_in(p.expires_at, tr))),
        copy_link => tr.t("mail-copy-link"),
        ignore => tr.t("mail-sign-in-ignore"),
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
    use crate::domain::Role;

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
            assert!(part.contains("Tuesday, 24 November 2026 at 21:30 UTC"), "{part}");
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
            language: Tr::english(),
        };
        let now = Timestamp(1_795_555_800_000 - 24 * 3600 * 1000);
        let mail =
            super::render("invitation", &payload(None, None), &school, now, &sealer()).unwrap();
        for part in [&mail.text, &mail.html] {
            // 21:30 UTC is 03:00 the next day in India.
            assert!(part.contains("Wednesday, 25 November 2026 at 03:00 IST"), "{part}");
            assert!(part.contains("in 24 hours"));
            assert!(!part.contains("UTC"));
        }
    }

    #[test]
    fn a_reminder_carries_the_same_link_and_says_when_it_stops_working() {
        let now = Timestamp(1_795_555_800_000 - 6 * 3600 * 1000);
        let mail =
            render("reminder", &payload(Some("Alex Head"), None), "Greenwood High", now).unwrap();
        assert_eq!(mail.subject, "Reminder: your invitation to Greenwood High expires in 6 hours");
        let html = mail.html.replace("&#x2f;", "/");
        assert!(html.contains("Your invitation to Greenwood High is waiting for you"), "{html}");
        for part in [&mail.text, &html] {
            assert!(part.contains("https://staff.example.org/invite/abc"));
            assert!(part.contains("same link as in your invitation email"), "{part}");
            assert!(part.contains("stops working in 6 hours"), "{part}");
            assert!(part.contains("Tuesday, 24 November 2026 at 21:30 UTC"), "{part}");
            assert!(!part.contains("earlier invitation links no longer work"));
        }
        // In the invitation's language.
        let spanish = InvitationMessage::from_json(&payload(None, None))
            .unwrap()
            .in_language(Some(crate::domain::Language::parse("es").unwrap()))
            .to_json();
        let mail = render("reminder", &spanish, "Greenwood High", now).unwrap();
        assert_eq!(
            mail.subject,
            "Recordatorio: tu invitación a Greenwood High caduca dentro de 6 horas"
        );
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

    fn in_language(tag: &str, kind: &str, school_language: &str) -> RenderedMail {
        let language = crate::domain::Language::parse(tag);
        let message = InvitationMessage::from_json(&payload(Some("Alex Head"), Some(1)))
            .unwrap()
            .in_language(language);
        let school = School {
            language: Tr::parse(school_language).unwrap(),
            ..School::named("Greenwood High")
        };
        let now = Timestamp(1_795_555_800_000 - 24 * 3600 * 1000);
        super::render(kind, &message.to_json(), &school, now, &sealer()).unwrap()
    }

    #[test]
    fn an_invitation_is_written_in_its_own_language() {
        let mail = in_language("es", "invitation", "en");
        assert_eq!(
            mail.subject,
            "Te invitan a unirte a Greenwood High como personal administrativo"
        );
        let html = mail.html.replace("&#x2f;", "/");
        for part in [&mail.text, &html] {
            assert!(part.contains("Alex Head te ha invitado"), "{part}");
            assert!(part.contains("dentro de 24 horas"), "{part}");
            assert!(part.contains("martes, 24 de noviembre de 2026"), "{part}");
            assert!(!part.contains("invited"), "no English: {part}");
        }
        assert!(html.contains(r#"<html lang="es" dir="ltr">"#));
        let resend = in_language("fr", "resend", "en");
        assert_eq!(resend.subject, "Votre nouveau lien d’invitation pour Greenwood High");
        assert!(resend.text.contains("les liens d’invitation précédents ne fonctionnent plus"));
    }

    #[test]
    fn an_arabic_invitation_reads_right_to_left() {
        let mail = in_language("ar", "invitation", "en");
        assert!(mail.subject.contains("Greenwood High"));
        assert!(mail.html.contains(r#"<html lang="ar" dir="rtl">"#));
        assert!(mail.html.contains(r#"<body dir="rtl""#));
        // 24 takes the "many" form: ساعة, not ساعات. (Filled-in values are isolated, so an
        // English name keeps the Arabic words in order.)
        let text = mail.text.replace(['\u{2068}', '\u{2069}'], "");
        assert!(text.contains("24 ساعة"), "{text}");
        assert!(mail.text.contains("\u{2068}Alex Head\u{2069}"));
        assert!(!mail.text.contains("hours") && !mail.text.contains("invited"));
    }

    #[test]
    fn without_a_language_the_schools_is_used() {
        let mail = in_language("", "invitation", "fr");
        assert!(mail.text.contains("Alex Head vous invite"), "{}", mail.text);
        // A language that isn't shipped is no language.
        let mail = in_language("de", "invitation", "es");
        assert!(mail.text.contains("te ha invitado"), "{}", mail.text);
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
