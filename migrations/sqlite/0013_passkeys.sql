-- Passkeys (WebAuthn credentials), and the ceremonies that make and use them.
--
-- An account may have no password once it has a passkey: `password_hash` is then '' (the
-- column has been NOT NULL from the start, and SQLite can't drop that without rebuilding the
-- table). The store reads '' as "no password"; nothing else ever writes it.
--
-- `webauthn_handle`: the account's WebAuthn user handle, a random UUID given with its first
-- passkey. An authenticator returns it at sign-in; it says nothing about the person.
ALTER TABLE users ADD COLUMN webauthn_handle TEXT;
CREATE UNIQUE INDEX users_webauthn_handle ON users (webauthn_handle);

CREATE TABLE passkeys (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    credential_id   BLOB    NOT NULL,
    -- The credential as the relying-party library keeps it (JSON): public key, counter, flags.
    credential      TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    -- Copies of what the credential holds, for the account page and for audits.
    sign_count      INTEGER NOT NULL,
    backup_eligible INTEGER NOT NULL,
    backed_up       INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    last_used_at    INTEGER
);
-- A credential belongs to one account, once.
CREATE UNIQUE INDEX passkeys_credential_id ON passkeys (credential_id);
CREATE INDEX passkeys_user ON passkeys (user_id, id);

-- One WebAuthn ceremony in progress: its challenge and expectations, kept here, never in the
-- browser. `id` is the SHA-256 of a secret that only the ceremony's server-side session
-- holds; taking a ceremony deletes it, so each is used once. A setup ceremony is bound to its
-- link, an "add a passkey" ceremony to its account.
CREATE TABLE passkey_ceremonies (
    id              BLOB    PRIMARY KEY,
    purpose         TEXT    NOT NULL CHECK (purpose IN ('setup', 'sign_in', 'add')),
    link_hash       BLOB,
    user_id         INTEGER REFERENCES users (id),
    state           TEXT    NOT NULL,
    expires_at      INTEGER NOT NULL
);
CREATE INDEX passkey_ceremonies_expiry ON passkey_ceremonies (expires_at);
