-- Signing in with the school's own accounts (OpenID Connect: Google Workspace, Microsoft 365
-- or any provider).
--
-- `school_accounts`: the school account an account signs in with, found by the provider's
-- issuer and its subject (for Microsoft, the tenant and object ids), never by email: a
-- change of address at the provider does not move it. One per account, and one account per
-- school account. `email` is the verified address it had when it was linked, for the account
-- page; nothing is looked up by it.
CREATE TABLE school_accounts (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         BIGINT  NOT NULL REFERENCES users (id),
    issuer          TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    email           TEXT    NOT NULL,
    linked_at       BIGINT  NOT NULL,
    last_used_at    BIGINT
);
CREATE UNIQUE INDEX school_accounts_identity ON school_accounts (issuer, subject);
CREATE UNIQUE INDEX school_accounts_user ON school_accounts (user_id);

-- One trip to the provider in progress: its nonce and PKCE verifier, kept here, never in the
-- browser. `id` is the SHA-256 of the `state` sent to the provider, which the browser's
-- server-side session also keeps, so only the browser that left can come back with it;
-- taking a trip deletes it, so each is used once. A setup trip is bound to its link (whose
-- secret `state` holds sealed, to go back to its page), a "link" trip to its account.
CREATE TABLE school_sign_in_trips (
    id              BYTEA    PRIMARY KEY,
    purpose         TEXT    NOT NULL CHECK (purpose IN ('setup', 'sign_in', 'link')),
    link_hash       BYTEA,
    user_id         BIGINT  REFERENCES users (id),
    state           TEXT    NOT NULL,
    expires_at      BIGINT  NOT NULL
);
CREATE INDEX school_sign_in_trips_expiry ON school_sign_in_trips (expires_at);
