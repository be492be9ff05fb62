//! The argument types of every server function, decoded from any bytes the way the server
//! decodes them (JSON for the dashboard's functions, URL-encoded forms for the rest): no
//! panic, and whatever decodes goes on through the domain parsers the functions call.
#![no_main]

use libfuzzer_sys::fuzz_target;
use staff_onboarding::api::{auth, bulk, dev_mailbox, invitations, setup, staff};
use staff_onboarding::domain::{Email, PersonName, PhoneNumber, Role, Username};

fn form<T: serde::de::DeserializeOwned>(data: &[u8]) -> Option<T> {
    serde_qs::from_bytes(data).ok()
}

fn json<T: serde::de::DeserializeOwned>(data: &[u8]) -> Option<T> {
    serde_json::from_slice(data).ok()
}

fuzz_target!(|data: &[u8]| {
    // URL-encoded (the setup page, sign-in and the link checks).
    if let Some(args) = form::<setup::AcceptInvitation>(data) {
        let _ = PersonName::parse(&args.full_name);
        let _ = PhoneNumber::parse(&args.phone);
        let _ = Username::parse(&args.username);
        if let Some(email) = &args.email {
            let _ = Email::parse(email);
        }
    }
    let _ = form::<setup::InvitationLink>(data);
    let _ = form::<setup::InvitationOpened>(data);
    let _ = form::<setup::RequestNewLink>(data);
    if let Some(args) = form::<setup::CheckUsername>(data) {
        let _ = Username::parse(&args.username);
    }
    let _ = form::<auth::SignIn>(data);
    let _ = form::<auth::SignOut>(data);
    let _ = form::<auth::SignOutElsewhere>(data);
    let _ = form::<auth::CurrentUser>(data);
    let _ = form::<invitations::InvitationChanges>(data);

    // JSON (the dashboard).
    let _ = json::<invitations::InvitationOverview>(data);
    if let Some(args) = json::<invitations::CheckInviteEmail>(data) {
        let _ = Email::parse(&args.email);
    }
    if let Some(args) = json::<invitations::CheckInviteEmails>(data) {
        for email in &args.emails {
            let _ = Email::parse(email);
        }
    }
    if let Some(args) = json::<invitations::CreateInvitation>(data) {
        let _ = Email::parse(&args.email);
        let _ = Role::parse_invitable(&args.role);
    }
    if let Some(args) = json::<invitations::CorrectInvitationEmail>(data) {
        let _ = Email::parse(&args.email);
    }
    let _ = json::<invitations::InvitationHistory>(data);
    let _ = json::<invitations::ResendInvitation>(data);
    let _ = json::<invitations::RevokeInvitation>(data);
    let _ = json::<staff::StaffMembers>(data);
    let _ = json::<staff::DeactivateAccount>(data);
    let _ = json::<staff::ReactivateAccount>(data);
    if let Some(args) = json::<bulk::StartBulkInvite>(data) {
        for row in &args.rows {
            let _ = Email::parse(&row.email);
            let _ = Role::parse_invitable(row.role.label());
        }
    }
    let _ = json::<bulk::BulkInviteJob>(data);
    let _ = form::<bulk::CurrentBulkInvite>(data);
    let _ = form::<dev_mailbox::DevMailbox>(data);
    let _ = json::<dev_mailbox::DevMail>(data);
});
