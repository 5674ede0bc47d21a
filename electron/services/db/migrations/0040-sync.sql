-- Sync to the central server. Before the device is enrolled a payload is sealed with the device's
-- own key ('device'); after enrolment every payload is sealed to the server's public key
-- ('server') and the kiosk can no longer read it.
ALTER TABLE registrations ADD COLUMN sealing TEXT NOT NULL DEFAULT 'device' CHECK (sealing IN ('device', 'server'));
ALTER TABLE registrations ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- Milliseconds since the epoch; a record is not retried before this (per-record backoff).
ALTER TABLE registrations ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN registration_number TEXT;
-- The server's signed receipt (JSON), proof that the record arrived.
ALTER TABLE registrations ADD COLUMN server_receipt TEXT;
ALTER TABLE registrations ADD COLUMN acked_at TEXT;

-- Invariant: a record is acknowledged only together with its receipt and the purge of its payload
-- (one UPDATE), so a crash can never leave a purged record without proof of delivery.
CREATE TRIGGER registrations_ack_needs_receipt BEFORE UPDATE OF state ON registrations
WHEN NEW.state = 'acked' AND (NEW.server_receipt IS NULL OR NEW.registration_number IS NULL OR NEW.payload IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'an acknowledged record needs its receipt and no payload');
END;

-- Where this device is enrolled and the server's public keys (no secrets: the device's signing key
-- lives in the secret store).
CREATE TABLE server_link (
  singleton          INTEGER PRIMARY KEY CHECK (singleton = 1),
  server_url         TEXT NOT NULL,
  sealing_public_key BLOB NOT NULL CHECK (length(sealing_public_key) = 32),
  sealing_key_id     TEXT NOT NULL,
  receipt_public_key TEXT NOT NULL,
  enrolled_at        TEXT NOT NULL
) STRICT;

-- What the status indicator shows after a restart: the last delivery and the last failure.
CREATE TABLE sync_state (
  singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_success_at TEXT,
  last_error_code TEXT,
  last_error_at   TEXT
) STRICT;
INSERT INTO sync_state (singleton) VALUES (1);
