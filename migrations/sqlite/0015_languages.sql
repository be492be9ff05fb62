-- The language an invitation is written in (its email, its setup and link pages), as the
-- Super-Admin chose it for the invitation or its bulk row: a BCP 47 tag among the shipped
-- ones. NULL: the school's (`SCHOOL_LANGUAGE`).
ALTER TABLE invitations ADD COLUMN language TEXT;
ALTER TABLE bulk_job_rows ADD COLUMN language TEXT;
