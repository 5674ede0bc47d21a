-- Retention (server/retention/): once a decision is older than its profile's retention period, the
-- record's sealed blob is replaced by a reduced one (the profile's kept fields only: no KTP image,
-- selfie, OCR reading or account hashes) in one conditional UPDATE that also sets purged_at. The
-- row keeps its number, state, dates, kiosk, profile and the unique key's HMAC. A purged record is
-- always a decided one. The old row version stays in the table's files until VACUUM makes its space
-- reusable (README, "Retensi data"): PostgreSQL does not overwrite it.
ALTER TABLE registrations ADD COLUMN purged_at TIMESTAMPTZ CHECK (purged_at IS NULL OR state <> 'received');
-- The job's walk: per profile, the records not yet purged, oldest decision first.
CREATE INDEX registrations_purge_due ON registrations (profile_id, decided_at, id) WHERE purged_at IS NULL AND decided_at IS NOT NULL;
