-- Bulk invites run on the server: one job per handed-over list, one row per line. A worker
-- claims a job with a lease (a crashed worker's lease runs out and another resumes it). A row
-- is marked invited in the same transaction that creates its invitation, so a retried job
-- never invites a row twice.
CREATE TABLE bulk_jobs (
    id            INTEGER PRIMARY KEY,
    created_by    INTEGER NOT NULL REFERENCES users (id),
    creator_name  TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    lease_until   INTEGER
);
CREATE INDEX bulk_jobs_unfinished ON bulk_jobs (id) WHERE finished_at IS NULL;

CREATE TABLE bulk_job_rows (
    job_id        INTEGER NOT NULL REFERENCES bulk_jobs (id),
    line          INTEGER NOT NULL,
    email         TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    -- NULL while waiting; 'invited' or 'refused' once done.
    outcome       TEXT    CHECK (outcome IN ('invited', 'refused')),
    message       TEXT    NOT NULL DEFAULT '',
    invitation_id INTEGER REFERENCES invitations (id),
    done_at       INTEGER,
    PRIMARY KEY (job_id, line)
);
