-- What the invitee did with the current link, for the dashboard: when they first opened it in
-- a browser, and when they asked for a new one after it expired. A new link clears both.
ALTER TABLE invitations ADD COLUMN link_opened_at BIGINT;
ALTER TABLE invitations ADD COLUMN new_link_requested_at BIGINT;
