-- Searching invitations by part of an address without reading every row: a GIN index of each
-- address's trigrams (pg_trgm, a trusted extension since PostgreSQL 13, so the database's
-- owner may create it), which `email_key LIKE '%…%'` uses. An index is kept in step by every
-- write's own transaction.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX invitations_email_trigrams ON invitations USING gin (email_key gin_trgm_ops);
