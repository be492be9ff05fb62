-- Invitations, their links, their history and the outbox that carries their email.
-- `state` is the stored lifecycle: open, accepted or revoked. Pending and Expired are both
-- "open" and are told apart by expires_at and the clock, never by a job.
CREATE TABLE invitations (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           TEXT    NOT NULL,
    email_key       TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('super_admin', 'admin_staff', 'teacher')),
    state           TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'revoked')),
    invited_by      BIGINT REFERENCES users (id),
    inviter_name    TEXT    NOT NULL,
    resend_count    BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    accepted_at     BIGINT,
    accepted_user   BIGINT REFERENCES users (id),
    revoked_at      BIGINT,
    -- The one link that works; every other link of this invitation is superseded. Kept on
    -- the invitation row so accept and resend lock and check the same row.
    current_token_id BIGINT
);

-- At most one open (Pending or Expired) invitation per address: the database refuses a
-- second one even when two admins click at the same moment.
CREATE UNIQUE INDEX invitations_open_email ON invitations (email_key) WHERE state = 'open';
CREATE INDEX invitations_sent ON invitations (sent_at, id);
CREATE INDEX invitations_expires ON invitations (expires_at, id);
CREATE INDEX invitations_state_sent ON invitations (state, sent_at, id);
CREATE INDEX invitations_state_expires ON invitations (state, expires_at, id);

-- Every link ever issued. Only the SHA-256 of the secret is kept, so no usable link can be
-- rebuilt from a dump.
CREATE TABLE invitation_tokens (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invitation_id   BIGINT NOT NULL REFERENCES invitations (id),
    token_hash      BYTEA   NOT NULL UNIQUE,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL
);
CREATE INDEX invitation_tokens_invitation ON invitation_tokens (invitation_id);

CREATE TABLE invitation_events (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invitation_id   BIGINT NOT NULL REFERENCES invitations (id),
    at              BIGINT NOT NULL,
    actor_user      BIGINT REFERENCES users (id),
    actor_name      TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    details         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX invitation_events_invitation ON invitation_events (invitation_id, id);

-- Messages waiting to be sent, written in the same transaction as the change that causes
-- them. A sender claims a row by moving it to 'sending' with a lease; a lease that runs out
-- (a crashed sender) makes the row claimable again. The body is wiped once sent.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invitation_id   BIGINT REFERENCES invitations (id),
    kind            TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    payload         TEXT,
    status          TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until     BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_invitation ON outbox (invitation_id, id);
