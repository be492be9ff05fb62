//! What the Invites page reads: a page of rows with their status and delivery, the counts
//! per status, the live-update fingerprint, an address's availability and the history.

use std::collections::HashMap;

use super::{EmailAvailability, InvitationService, InviteError};
use crate::domain::{
    ChangeStamp, Cursor, Delivery, Email, HistoryEvent, InvitationPage, InvitationStatus,
    InvitationSummary, Lifecycle, ListQuery, Role, SortKey, StatusCounts, Timestamp,
};
use crate::server::store::{
    EmailUse, Expiry, InvitationFilter, InvitationRecord, LatestMessage, MessageStatus, Order,
    OrderBy, StoreError,
};

/// The Teachers/Admin Staff module's roles: the first Super-Admin's own invitation (printed
/// by the server) is not one of its rows.
const MODULE_ROLES: [Role; 2] = [Role::Teacher, Role::AdminStaff];

impl InvitationService {
    /// One page of the Invites table, with each row's status and latest delivery.
    pub async fn list(&self, query: &ListQuery) -> Result<InvitationPage, StoreError> {
        let now = self.clock.now();
        let limit = query.page_size();
        let soon = now.plus(self.policy.expiring_window());
        let (lifecycle, expiry) = match query.status {
            _ if query.expiring_soon => (Some(Lifecycle::Open), Some(Expiry::Between(now, soon))),
            None => (None, None),
            Some(InvitationStatus::Pending) => (Some(Lifecycle::Open), Some(Expiry::After(now))),
            Some(InvitationStatus::Expired) => (Some(Lifecycle::Open), Some(Expiry::NotAfter(now))),
            Some(InvitationStatus::Accepted) => (Some(Lifecycle::Accepted), None),
            Some(InvitationStatus::Revoked) => (Some(Lifecycle::Revoked), None),
        };
        let order = order_of(query.sort);
        let filter = InvitationFilter {
            roles: MODULE_ROLES
                .into_iter()
                .filter(|r| query.role.is_none_or(|q| q == *r))
                .collect(),
            lifecycle,
            expiry,
            email_contains: query
                .email_contains
                .as_deref()
                .map(|text| text.trim().to_lowercase())
                .filter(|text| !text.is_empty()),
            order,
            after: query.after,
            // One more than shown tells whether another page follows.
            limit: limit + 1,
        };
        let mut records = self.store.list_invitations(&filter).await?;
        let more = records.len() > limit as usize;
        records.truncate(limit as usize);
        let next = match (more, records.last()) {
            (true, Some(last)) => Some(Cursor { value: order.by.value_of(last), id: last.id }),
            _ => None,
        };
        let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
        let mut deliveries: HashMap<i64, Delivery> = self
            .store
            .latest_messages(&ids)
            .await?
            .into_iter()
            .map(|message| (message.invitation_id, self.delivery_of(message)))
            .collect();
        let items = records
            .into_iter()
            .map(|record| {
                let delivery = deliveries.remove(&record.id);
                self.summary(record, now, delivery)
            })
            .collect();
        Ok(InvitationPage { items, next })
    }

    fn summary(
        &self,
        record: InvitationRecord,
        now: Timestamp,
        delivery: Option<Delivery>,
    ) -> InvitationSummary {
        let zone = &self.policy.zone;
        let status = InvitationStatus::derive(record.lifecycle, record.expires_at, now);
        InvitationSummary {
            id: record.id,
            status,
            expiring_soon: status == InvitationStatus::Pending
                && record.expires_at <= now.plus(self.policy.expiring_window()),
            email: record.email,
            role: record.role,
            invited_by: record.inviter_name,
            created_at: record.created_at,
            sent_at: zone.local(record.sent_at),
            expires_at: zone.local(record.expires_at),
            resend_count: u32::try_from(record.resend_count).unwrap_or(u32::MAX),
            max_resends: self.policy.max_resends,
            delivery,
            link_opened_at: record.link_opened_at.map(|at| zone.local(at)),
            new_link_requested_at: record.new_link_requested_at.map(|at| zone.local(at)),
            accepted_at: record.accepted_at.map(|at| zone.local(at)),
        }
    }

    /// How many of the module's invitations have each status now.
    pub async fn counts(&self) -> Result<StatusCounts, StoreError> {
        let now = self.clock.now();
        let soon = now.plus(self.policy.expiring_window());
        let by_role = self.store.count_invitations(now, soon).await?;
        let mut counts = StatusCounts::default();
        for stored in MODULE_ROLES.iter().filter_map(|role| by_role.get(role)) {
            counts.all += stored.open + stored.accepted + stored.revoked;
            counts.pending += stored.open_running;
            counts.expired += stored.open.saturating_sub(stored.open_running);
            counts.accepted += stored.accepted;
            counts.revoked += stored.revoked;
            counts.expiring_soon += stored.open_soon;
        }
        Ok(counts)
    }

    /// The Invites page's change fingerprint, for its live updates.
    pub async fn change_stamp(&self) -> Result<ChangeStamp, StoreError> {
        self.store.change_stamp(self.clock.now(), self.policy.expiring_window()).await
    }

    /// For the admin's live check while typing an address.
    pub async fn email_availability(&self, email: &str) -> Result<EmailAvailability, StoreError> {
        let email = match Email::parse(email) {
            Ok(email) => email,
            Err(e) => return Ok(EmailAvailability::Invalid(crate::domain::Sentence::message(&e))),
        };
        Ok(match self.store.email_use(&email.key()).await? {
            EmailUse::Free => EmailAvailability::Available,
            EmailUse::UserExists => EmailAvailability::UserExists,
            EmailUse::Invited => EmailAvailability::AlreadyInvited,
        })
    }

    /// The invitation's events, oldest first.
    pub async fn history(&self, invitation_id: i64) -> Result<Vec<HistoryEvent>, InviteError> {
        self.existing(invitation_id).await?;
        let events = self.store.invitation_history(invitation_id).await?;
        Ok(events
            .into_iter()
            .map(|e| HistoryEvent {
                at: self.policy.zone.local(e.at),
                actor: e.actor_name,
                action: e.action,
                details: e.details,
            })
            .collect())
    }
}

fn order_of(sort: SortKey) -> Order {
    let (by, descending) = match sort {
        SortKey::SentDesc => (OrderBy::SentAt, true),
        SortKey::SentAsc => (OrderBy::SentAt, false),
        SortKey::ExpiresDesc => (OrderBy::ExpiresAt, true),
        SortKey::ExpiresAsc => (OrderBy::ExpiresAt, false),
    };
    Order { by, descending }
}

impl InvitationService {
    /// Where an invitation's latest email is, as the dashboard shows it.
    fn delivery_of(&self, message: LatestMessage) -> Delivery {
        let zone = &self.policy.zone;
        let error = message.last_error.unwrap_or_default();
        match message.status {
            MessageStatus::Sent => {
                Delivery::Sent { at: zone.local(message.sent_at.unwrap_or(Timestamp(0))) }
            }
            MessageStatus::Failed => Delivery::Failed { reason: error },
            // Queued after a failed attempt, or being retried right now.
            MessageStatus::Queued | MessageStatus::Sending if !error.is_empty() => {
                Delivery::Retrying {
                    attempt: u32::try_from(message.attempts).unwrap_or(u32::MAX),
                    next_at: zone.local(message.next_attempt_at),
                    error,
                }
            }
            MessageStatus::Queued | MessageStatus::Sending => Delivery::Queued,
        }
    }
}
