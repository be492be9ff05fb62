-- How many invitations there are per role and stored state, kept exact by triggers in the
-- same transaction as every change, so the dashboard's status counts read a handful of rows
-- instead of counting a table that grows by years of invitations. Pending and Expired both
-- live under 'open'; the store tells them apart by counting the open invitations that have not
-- expired yet (an index range over recent rows) and subtracting.
-- `slot` spreads one (role, state) over several rows so concurrent writers on Postgres do not
-- queue on a single row; SQLite serialises writers anyway and uses slot 0 only.
CREATE TABLE invitation_counts (
    role    TEXT    NOT NULL,
    state   TEXT    NOT NULL,
    slot    INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (role, state, slot)
);

INSERT INTO invitation_counts (role, state, slot, n)
SELECT role, state, 0, COUNT(*) FROM invitations GROUP BY role, state;

CREATE TRIGGER invitation_counts_insert AFTER INSERT ON invitations
BEGIN
    INSERT INTO invitation_counts (role, state, slot, n) VALUES (NEW.role, NEW.state, 0, 1)
    ON CONFLICT (role, state, slot) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER invitation_counts_update AFTER UPDATE OF role, state ON invitations
WHEN OLD.role <> NEW.role OR OLD.state <> NEW.state
BEGIN
    INSERT INTO invitation_counts (role, state, slot, n) VALUES (OLD.role, OLD.state, 0, -1)
    ON CONFLICT (role, state, slot) DO UPDATE SET n = n - 1;
    INSERT INTO invitation_counts (role, state, slot, n) VALUES (NEW.role, NEW.state, 0, 1)
    ON CONFLICT (role, state, slot) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER invitation_counts_delete AFTER DELETE ON invitations
BEGIN
    INSERT INTO invitation_counts (role, state, slot, n) VALUES (OLD.role, OLD.state, 0, -1)
    ON CONFLICT (role, state, slot) DO UPDATE SET n = n - 1;
END;
