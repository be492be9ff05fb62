-- The language an invitation is written in (its email, its setup and link pages), and the
-- language an account set itself up in (its sign-in, account and recovery pages and
-- emails): a BCP 47 tag among the shipped ones. NULL: the school's (`SCHOOL_LANGUAGE`).
ALTER TABLE invitations ADD COLUMN language TEXT;
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE bulk_job_rows ADD COLUMN language TEXT;
