-- The fencing token of a claim on a message: raised by one at every claim and never lowered,
-- so an outcome is recorded only by the claim that is current (`attempts` counts tries and
-- goes down again when a claim is released unattempted; it no longer fences).
ALTER TABLE outbox ADD COLUMN claim BIGINT NOT NULL DEFAULT 0;
