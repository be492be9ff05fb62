-- Limits shared by every server on this database. Each row is one key's allowance as a GCRA
-- "theoretical arrival time" (UTC ms): a request is let in while `tat - now` is within the
-- burst, and moves `tat` on by one interval. A row whose `tat` has passed has its whole
-- allowance back, so housekeeping deletes it.
CREATE TABLE rate_limits (
    bucket  TEXT    NOT NULL,   -- which limit: 'sign_in_account', 'username_check_link'
    subject TEXT    NOT NULL,   -- whose: an account, a link's hash
    tat     BIGINT  NOT NULL,
    PRIMARY KEY (bucket, subject)
);
CREATE INDEX rate_limits_tat ON rate_limits (tat);

-- Browsers an account has signed in from (OWASP's device cookies): the cookie holds a
-- random secret, sealed with the account's id; here is only the secret's SHA-256. Such a
-- browser is not held by the account's limit, which strangers fill; it has its own (`tat`),
-- and it stops counting as known after `failures` wrong passwords in a row.
CREATE TABLE sign_in_devices (
    id            BYTEA   PRIMARY KEY,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tat           BIGINT  NOT NULL,
    allowed       BOOLEAN NOT NULL DEFAULT TRUE,  -- what the last check answered
    failures      BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    last_used_at  BIGINT  NOT NULL
);
CREATE INDEX sign_in_devices_user ON sign_in_devices (user_id);
CREATE INDEX sign_in_devices_last_used ON sign_in_devices (last_used_at);
