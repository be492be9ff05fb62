-- The dev mailbox keeps a message's body (sealed with the server's key) only while its
-- invitation is Pending: once it is accepted or revoked, a trigger in the same transaction
-- wipes the bodies; expired ones are wiped by the server's housekeeping. Every body kept
-- before sealing existed is wiped here: it held a live link in the clear.
ALTER TABLE dev_mailbox ALTER COLUMN text_body DROP NOT NULL;
ALTER TABLE dev_mailbox ALTER COLUMN html_body DROP NOT NULL;
UPDATE dev_mailbox SET text_body = NULL, html_body = NULL;
CREATE INDEX dev_mailbox_outbox ON dev_mailbox (outbox_id);

CREATE FUNCTION dev_mailbox_wipe_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE dev_mailbox SET text_body = NULL, html_body = NULL
    WHERE text_body IS NOT NULL
      AND outbox_id IN (SELECT id FROM outbox WHERE invitation_id = NEW.id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER dev_mailbox_wipe_ended AFTER UPDATE OF state ON invitations
FOR EACH ROW WHEN (OLD.state = 'open' AND NEW.state <> 'open')
EXECUTE FUNCTION dev_mailbox_wipe_ended();
