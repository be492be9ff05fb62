-- No open invitation for an address an account has: the rule behind "A user with this email
-- already exists", kept by the database for every write that makes an invitation or changes
-- its address (the group commit, the path outside it, a correction), whatever the order of
-- its statements. It runs before the unique index on open invitations, so an address that
-- has both an account and an open invitation is refused for its account on every path. The
-- store maps the message, the rule's name, to its conflict (`store/error.rs`).
CREATE TRIGGER invitations_account_exists_insert BEFORE INSERT ON invitations
WHEN NEW.state = 'open' AND EXISTS (SELECT 1 FROM users WHERE email_key = NEW.email_key)
BEGIN
    SELECT RAISE(ABORT, 'invitations_account_exists');
END;

CREATE TRIGGER invitations_account_exists_update BEFORE UPDATE OF email_key ON invitations
WHEN NEW.state = 'open' AND EXISTS (SELECT 1 FROM users WHERE email_key = NEW.email_key)
BEGIN
    SELECT RAISE(ABORT, 'invitations_account_exists');
END;
