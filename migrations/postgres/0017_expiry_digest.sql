-- The expired invitations' digest. `expiry_digest`: whether a Super-Admin gets it (their
-- account page turns it off). `expiry_digest_through`: up to when the expiries of the
-- invitations they sent have been told. The digest due at a day's `EXPIRY_DIGEST_AT` tells
-- those up to that moment, and moves this mark in the transaction that queues it, only if it
-- still reads what its sender read: several instances send each digest once. NULL: nothing
-- told yet: the first digest tells what expired since the account was made.
ALTER TABLE users ADD COLUMN expiry_digest BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE users ADD COLUMN expiry_digest_through BIGINT;
-- The accounts there are now start from now: no digest of what expired before it existed.
UPDATE users SET expiry_digest_through = (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT;
