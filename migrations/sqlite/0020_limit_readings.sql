-- The latest clock reading each allowance was judged at. A request reads the clock, then
-- waits its turn to write: one that read it first may write last, and judged at its own
-- reading it found the burst spent "after" it, and was refused a request early. A check is
-- now judged at the later of its reading and this one (src/server/store/limits.rs).
ALTER TABLE rate_limits ADD COLUMN seen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sign_in_devices ADD COLUMN seen INTEGER NOT NULL DEFAULT 0;
