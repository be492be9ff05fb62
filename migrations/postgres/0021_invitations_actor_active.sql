-- An invitation is made only in the name of an active account (or of no account: the
-- system's): the rule behind "your account was deactivated" for every write that makes one,
-- kept by the database inside the write, whatever runs before it. The account's row is read
-- FOR SHARE, as `store::users::require_active_actor` reads it for the other writes: a
-- deactivation holds it FOR UPDATE until it commits, so this waits for it and then sees its
-- outcome, and an invitation that checked first holds up the deactivation, which then revokes
-- it. The store maps the constraint name it raises to `ActorInactive` (`store/error.rs`).
CREATE FUNCTION invitations_actor_active() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.invited_by IS NOT NULL THEN
        PERFORM 1 FROM users WHERE id = NEW.invited_by AND deactivated_at IS NULL FOR SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'the inviting account is not active'
                USING ERRCODE = 'raise_exception', CONSTRAINT = 'invitations_actor_active';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

-- Postgres fires a table's triggers in the order of their names, and this name comes before
-- the account rule's (invitations_account_exists_*): a deactivated admin learns nothing
-- about the address.
CREATE TRIGGER actor_active_before_insert BEFORE INSERT ON invitations
    FOR EACH ROW EXECUTE FUNCTION invitations_actor_active();
