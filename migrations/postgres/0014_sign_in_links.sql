-- One-time sign-in links, the way back in for someone who lost their password or their
-- passkey's device: asked for on the sign-in page, or sent by a Super-Admin from the Staff
-- page. Only the SHA-256 of the link's secret is kept (its emailed copy is sealed in the
-- outbox, as an invitation's is). A link works once, until `expires_at`, and only while it
-- is its account's newest: asking again replaces it.
CREATE TABLE sign_in_links (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT  NOT NULL REFERENCES users (id),
    token_hash    BYTEA   NOT NULL,
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    used_at       BIGINT,
    -- The Super-Admin who sent it, by id and name; NULL when the person asked for it.
    sent_by       BIGINT  REFERENCES users (id),
    sent_by_name  TEXT,
    -- Set when a newer link of the same account replaced this one.
    replaced_at   BIGINT
);
CREATE UNIQUE INDEX sign_in_links_token_hash ON sign_in_links (token_hash);
CREATE INDEX sign_in_links_user ON sign_in_links (user_id, id);
