-- Accounts a Super-Admin deactivated, and the record of who changed an account's status when.
-- `deactivated_at` set: the account cannot sign in. `session_epoch` is copied into each
-- session at sign-in; deactivation moves it on, so every session signed in before ends at
-- once, even if the account is reactivated before its next request.
ALTER TABLE users ADD COLUMN deactivated_at BIGINT;
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

CREATE TABLE account_events (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id             BIGINT  NOT NULL REFERENCES users (id),
    at                  BIGINT  NOT NULL,
    actor_user          BIGINT  REFERENCES users (id),
    actor_name          TEXT    NOT NULL,
    action              TEXT    NOT NULL CHECK (action IN ('deactivated', 'reactivated')),
    -- On deactivation: how many of the account's open invitations were revoked with it.
    revoked_invitations BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX account_events_user ON account_events (user_id, id);

-- The open invitations an account sent, revoked when it is deactivated.
CREATE INDEX invitations_open_inviter ON invitations (invited_by) WHERE state = 'open';
