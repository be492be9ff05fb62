-- No open invitation for an address an account has: the rule behind "A user with this email
-- already exists", kept by the database for every write that makes an invitation or changes
-- its address (the group commit, the path outside it, a correction), whatever the order of
-- its statements. The store maps the constraint name it raises to its conflict
-- (`store/error.rs`).
--
-- It runs twice. Before the row is written, so that an address with both an account and an
-- open invitation is refused for its account, as on SQLite. And after, at the end of the
-- statement: an insert that waited on the unique index for a racing acceptance of the same
-- address (which creates the account) then sees that account, as each query of a volatile
-- function takes a fresh snapshot under read committed.
CREATE FUNCTION invitations_account_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state = 'open' AND EXISTS (SELECT 1 FROM users WHERE email_key = NEW.email_key) THEN
        RAISE EXCEPTION 'an account has this address'
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'invitations_account_exists';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER invitations_account_exists_before BEFORE INSERT OR UPDATE OF email_key
    ON invitations FOR EACH ROW EXECUTE FUNCTION invitations_account_exists();
CREATE TRIGGER invitations_account_exists_after AFTER INSERT OR UPDATE OF email_key
    ON invitations FOR EACH ROW EXECUTE FUNCTION invitations_account_exists();
