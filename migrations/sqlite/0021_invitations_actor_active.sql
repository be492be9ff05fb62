-- An invitation is made only in the name of an active account (or of no account: the
-- system's): the rule behind "your account was deactivated" for every write that makes one,
-- kept by the database inside the write, whatever runs before it. The group commit writes a
-- group's invitations with one statement of each kind and no read before them, so this is
-- where their admins are checked. SQLite's one writer runs a deactivation and an invitation
-- one after the other, never interleaved. The store maps the message, the rule's name, to
-- `ActorInactive` (`store/error.rs`). SQLite fires a table's triggers newest first, so this
-- one runs before the account rule: a deactivated admin learns nothing about the address.
CREATE TRIGGER invitations_actor_active BEFORE INSERT ON invitations
WHEN NEW.invited_by IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.invited_by AND deactivated_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'invitations_actor_active');
END;
