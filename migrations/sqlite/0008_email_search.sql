-- Searching invitations by part of an address without reading every row: an FTS5 index of
-- each address's trigrams (SQLite 3.34+, FTS5 built into the bundled SQLite), over the
-- invitations table itself (external content: no second copy of the addresses). Triggers keep
-- it in step in the same transaction as every insert, address correction and delete.
CREATE VIRTUAL TABLE invitation_emails USING fts5 (
    email_key,
    content = 'invitations',
    content_rowid = 'id',
    tokenize = 'trigram'
);

INSERT INTO invitation_emails (rowid, email_key) SELECT id, email_key FROM invitations;

CREATE TRIGGER invitation_emails_insert AFTER INSERT ON invitations
BEGIN
    INSERT INTO invitation_emails (rowid, email_key) VALUES (new.id, new.email_key);
END;

CREATE TRIGGER invitation_emails_delete AFTER DELETE ON invitations
BEGIN
    INSERT INTO invitation_emails (invitation_emails, rowid, email_key)
    VALUES ('delete', old.id, old.email_key);
END;

CREATE TRIGGER invitation_emails_update AFTER UPDATE OF email_key ON invitations
BEGIN
    INSERT INTO invitation_emails (invitation_emails, rowid, email_key)
    VALUES ('delete', old.id, old.email_key);
    INSERT INTO invitation_emails (rowid, email_key) VALUES (new.id, new.email_key);
END;
