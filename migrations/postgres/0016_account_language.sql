-- The language an account was set up in (the setup page's, when the account was created):
-- its sign-in links' emails are written in it. A BCP 47 tag among the shipped ones; NULL
-- (accounts made before, or on the command line): the school's (`SCHOOL_LANGUAGE`).
ALTER TABLE users ADD COLUMN language TEXT;
