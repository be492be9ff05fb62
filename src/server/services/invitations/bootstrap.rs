//! The first Super-Admin's way in: while none exists, the server prints a one-time link to
//! the setup form, where the person chooses the account's email.

use super::{InvitationService, InviteError};
use crate::domain::{Email, EventAction, Role};
use crate::server::store::{Actor, NewEvent, Reissue, ReissueKind, Seen};

/// The address the first admin's invitation holds until they choose their own: the
/// `.invalid` top-level domain can never receive mail.
pub const FIRST_ADMIN_PLACEHOLDER: &str = "first-admin@setup.invalid";

impl InvitationService {
    /// The first Super-Admin's way in. While no Super-Admin exists, returns a fresh link (role
    /// Super-Admin, valid `INVITE_TTL`) for the server to print; the person chooses the
    /// account's email on the setup form. Each call replaces the previous link. Once a
    /// Super-Admin exists it returns `None` and withdraws any such link still open.
    pub async fn bootstrap(&self) -> Result<Option<String>, InviteError> {
        let open = self.store.open_system_invitations(Role::SuperAdmin).await?;
        if self.store.count_users_with_role(Role::SuperAdmin).await? > 0 {
            for invitation in open {
                let event = NewEvent {
                    action: EventAction::Revoked,
                    actor: Actor::system(),
                    details: "a Super-Admin exists".into(),
                };
                self.store.revoke_invitation(invitation.id, self.clock.now(), event).await?;
            }
            return Ok(None);
        }
        let token = match open.into_iter().next() {
            Some(existing) => {
                let now = self.clock.now();
                let (secret, link) = self.fresh_link(now)?;
                let reissue = Reissue {
                    invitation_id: existing.id,
                    kind: ReissueKind::Renew,
                    seen: Seen::of(&existing),
                    now,
                    link,
                    event: NewEvent {
                        action: EventAction::Sent,
                        actor: Actor::system(),
                        details: "a new link, printed by the server".into(),
                    },
                    messages: Vec::new(),
                };
                self.store.reissue_link(reissue).await?.ok_or(InviteError::NotFound)?;
                secret.token
            }
            None => {
                let placeholder = Email::parse(FIRST_ADMIN_PLACEHOLDER)?;
                self.create_with(&Actor::system(), placeholder, Role::SuperAdmin, None, false, None)
                    .await?
                    .1
            }
        };
        Ok(Some(self.link_for(&token)))
    }
}
