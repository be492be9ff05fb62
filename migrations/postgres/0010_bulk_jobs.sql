-- Bulk invites run on the server: one job per handed-over list, one row per line. A worker
-- claims a job with a lease (a crashed worker's lease runs out and another resumes it). A row
-- is marked invited in the same transaction that creates its invitation, so a retried job
-- never invites a row twice.
CREATE TABLE bulk_jobs (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_by    BIGINT  NOT NULL REFERENCES users (id),
    creator_name  TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    finished_at   BIGINT ,
    lease_until   BIGINT 
);
CREATE INDEX bulk_jobs_unfinished ON bulk_jobs (id) WHERE finished_at IS NULL;

CREATE TABLE bulk_job_rows (
    job_id        BIGINT  NOT NULL REFERENCES bulk_jobs (id),
    line          BIGINT  NOT NULL,
    email         TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    -- NULL while waiting; 'invited' or 'refused' once done.
    outcome       TEXT    CHECK (outcome IN ('invited', 'refused')),
    message       TEXT    NOT NULL DEFAULT '',
    invitation_id BIGINT  REFERENCES invitations (id),
    done_at       BIGINT ,
    PRIMARY KEY (job_id, line)
);
