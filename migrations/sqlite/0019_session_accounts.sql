-- The account a session signed in, beside its record: a request then reads who is asking, the
-- session and its account, in one statement (src/server/store/sessions.rs). The table is
-- tower-sessions' own, created here when missing exactly as its store creates it, so that
-- this migration can extend it. Sessions signed in before are given theirs at start-up
-- (`SessionBackend::migrate`).
CREATE TABLE IF NOT EXISTS tower_sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    data        BLOB NOT NULL,
    expiry_date INTEGER NOT NULL
);
ALTER TABLE tower_sessions ADD COLUMN user_id INTEGER;
