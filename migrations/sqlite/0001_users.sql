-- Staff accounts. Timestamps are UTC milliseconds since the Unix epoch in both backends, so
-- ordering, keyset cursors and the injected clock behave identically on SQLite and Postgres.
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    email               TEXT    NOT NULL,
    email_key           TEXT    NOT NULL,   -- trimmed, lower-cased: the uniqueness key
    username            TEXT    NOT NULL,
    username_key        TEXT    NOT NULL,   -- lower-cased: usernames are unique ignoring case
    full_name           TEXT    NOT NULL,
    phone               TEXT,               -- E.164; optional for a Super-Admin made by the CLI
    role                TEXT    NOT NULL CHECK (role IN ('super_admin', 'admin_staff', 'teacher')),
    password_hash       TEXT    NOT NULL,   -- argon2id PHC string
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

CREATE UNIQUE INDEX users_email_key ON users (email_key);
CREATE UNIQUE INDEX users_username_key ON users (username_key);
