-- The development mailbox: with no SMTP_URL configured, rendered messages land here and are
-- shown at /dev/mailbox instead of being sent. Never used when SMTP is configured.
CREATE TABLE dev_mailbox (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id   BIGINT,
    recipient   TEXT   NOT NULL,
    subject     TEXT   NOT NULL,
    text_body   TEXT   NOT NULL,
    html_body   TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
