-- The dev mailbox keeps a message's body (sealed with the server's key) only while its
-- invitation is Pending: once it is accepted or revoked, a trigger in the same transaction
-- wipes the bodies; expired ones are wiped by the server's housekeeping. Bodies become
-- nullable for that (SQLite rebuilds the table to change a column), and every body kept
-- before sealing existed is wiped here: it held a live link in the clear.
CREATE TABLE dev_mailbox_sealed (
    id          INTEGER PRIMARY KEY,
    outbox_id   INTEGER,
    recipient   TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    text_body   TEXT,
    html_body   TEXT,
    created_at  INTEGER NOT NULL
);
INSERT INTO dev_mailbox_sealed (id, outbox_id, recipient, subject, created_at)
SELECT id, outbox_id, recipient, subject, created_at FROM dev_mailbox;
DROP TABLE dev_mailbox;
ALTER TABLE dev_mailbox_sealed RENAME TO dev_mailbox;
CREATE INDEX dev_mailbox_outbox ON dev_mailbox (outbox_id);

CREATE TRIGGER dev_mailbox_wipe_ended AFTER UPDATE OF state ON invitations
WHEN OLD.state = 'open' AND NEW.state <> 'open'
BEGIN
    UPDATE dev_mailbox SET text_body = NULL, html_body = NULL
    WHERE text_body IS NOT NULL
      AND outbox_id IN (SELECT id FROM outbox WHERE invitation_id = NEW.id);
END;
