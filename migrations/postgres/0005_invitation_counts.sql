-- How many invitations there are per role and stored state, kept exact by a trigger in the
-- same transaction as every change, so the dashboard's status counts read a handful of rows
-- instead of counting a table that grows by years of invitations. Pending and Expired both
-- live under 'open'; the store tells them apart by counting the open invitations that have not
-- expired yet (an index range over recent rows) and subtracting.
-- `slot` (the invitation id modulo 16) spreads one (role, state) over 16 rows, so concurrent
-- invitations do not queue on one row lock until they commit.
CREATE TABLE invitation_counts (
    role    TEXT    NOT NULL,
    state   TEXT    NOT NULL,
    slot    INTEGER NOT NULL,
    n       BIGINT  NOT NULL,
    PRIMARY KEY (role, state, slot)
);

INSERT INTO invitation_counts (role, state, slot, n)
SELECT role, state, 0, COUNT(*) FROM invitations GROUP BY role, state;

CREATE FUNCTION invitation_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO invitation_counts (role, state, slot, n)
        VALUES (OLD.role, OLD.state, (OLD.id % 16)::integer, -1)
        ON CONFLICT (role, state, slot) DO UPDATE SET n = invitation_counts.n - 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO invitation_counts (role, state, slot, n)
        VALUES (NEW.role, NEW.state, (NEW.id % 16)::integer, 1)
        ON CONFLICT (role, state, slot) DO UPDATE SET n = invitation_counts.n + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER invitation_counts_insert_delete AFTER INSERT OR DELETE ON invitations
FOR EACH ROW EXECUTE FUNCTION invitation_counts_track();

CREATE TRIGGER invitation_counts_update AFTER UPDATE OF role, state ON invitations
FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.state IS DISTINCT FROM NEW.state)
EXECUTE FUNCTION invitation_counts_track();
