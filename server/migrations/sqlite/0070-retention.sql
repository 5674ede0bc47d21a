-- Retention (server/retention/): once a decision is older than its profile's retention period, the
-- record's sealed blob is replaced by a reduced one (the profile's kept fields only: no KTP image,
-- selfie, OCR reading or account hashes) in one conditional UPDATE that also sets purged_at. The
-- row keeps its number, state, dates, kiosk, profile and the unique key's HMAC. A purged record is
-- always a decided one. secure_delete (node/sqlite/open.ts) zeroes the old blob's pages, and the
-- job checkpoints the WAL after each batch so its bytes leave the WAL file too.
ALTER TABLE registrations ADD COLUMN purged_at TEXT CHECK (purged_at IS NULL OR state <> 'received');
-- The job's walk: per profile, the records not yet purged, oldest decision first.
CREATE INDEX registrations_purge_due ON registrations (profile_id, decided_at, id) WHERE purged_at IS NULL AND decided_at IS NOT NULL;
