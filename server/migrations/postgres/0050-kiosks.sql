-- Kiosk management in the back office (server/kiosks/): the same columns as migrations/sqlite/0060.
-- A name and location an admin gives each device, why it was revoked, and what it last reported.
-- last_seen_at is its last authenticated request and last_sync_at its last delivered record or
-- outcome pull, each written at most once a minute by one conditional UPDATE. software_version and
-- profile (id@version) are what the kiosk said in its request headers, checked for shape only:
-- shown to admins, trusted for nothing.
ALTER TABLE devices
  ADD COLUMN name TEXT CHECK (length(name) BETWEEN 1 AND 60),
  ADD COLUMN location TEXT CHECK (length(location) BETWEEN 1 AND 120),
  ADD COLUMN revoke_reason TEXT CHECK (length(revoke_reason) BETWEEN 1 AND 200),
  ADD COLUMN last_seen_at TIMESTAMPTZ,
  ADD COLUMN last_sync_at TIMESTAMPTZ,
  ADD COLUMN software_version TEXT CHECK (length(software_version) <= 50),
  ADD COLUMN profile TEXT CHECK (length(profile) <= 50);

-- Which admin made a code (staff username); NULL for codes made on the command line.
ALTER TABLE enrol_codes ADD COLUMN created_by TEXT;
