-- Delivery is not numbering. A record is 'received' once durably stored; its registration number
-- comes either at once (the profile numbers on acceptance) or after a staff decision. Numbers come
-- from a counter per profile and year, never from max()+1.

CREATE TABLE registrations_v2 (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id           TEXT NOT NULL REFERENCES devices (device_id),
  record_id           TEXT NOT NULL,
  profile_id          TEXT NOT NULL,
  -- HMAC-SHA256 of profile + NIK under a server key: one registration per NIK, no plaintext NIK.
  nik_hash            BLOB,
  sealed              BLOB NOT NULL,
  payload_sha256      TEXT NOT NULL,
  received_at         TEXT NOT NULL,
  state               TEXT NOT NULL CHECK (state IN ('received', 'numbered', 'rejected')),
  registration_number TEXT UNIQUE,
  decided_at          TEXT,
  -- A staff rejection's reason code (never free text about the applicant).
  decision_reason     TEXT,
  UNIQUE (device_id, record_id),
  UNIQUE (profile_id, nik_hash),
  CHECK ((state = 'numbered') = (registration_number IS NOT NULL))
) STRICT;
INSERT INTO registrations_v2 (id, device_id, record_id, profile_id, nik_hash, sealed, payload_sha256, received_at, state, registration_number, decided_at)
  SELECT seq, device_id, record_id, profile_id, nik_hash, sealed, payload_sha256, received_at, 'numbered', registration_number, received_at
  FROM registrations;
DROP TABLE registrations;
ALTER TABLE registrations_v2 RENAME TO registrations;
CREATE INDEX registrations_state ON registrations (state);

-- The last number issued per number prefix and year (a profile declares its prefix). Numbers issued
-- before this migration were all "REG-YYYY-NNNNNNN" from one counter, whatever the profile: the
-- REG counter of each year starts after the highest of them, so none repeats.
CREATE TABLE number_counters (
  prefix TEXT NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL CHECK (last >= 1),
  PRIMARY KEY (prefix, year)
) STRICT;
INSERT INTO number_counters (prefix, year, last)
  SELECT 'REG', CAST(substr(registration_number, 5, 4) AS INTEGER), max(CAST(substr(registration_number, 10) AS INTEGER))
  FROM registrations WHERE registration_number LIKE 'REG-____-%' GROUP BY 2;

-- The stored answers keep their time under the name the PostgreSQL schema uses.
ALTER TABLE idempotency RENAME COLUMN created_at TO answered_at;

-- Which keys this database belongs to: public facts only (store/server-keys-table.ts).
CREATE TABLE server_keys (
  singleton          INTEGER PRIMARY KEY CHECK (singleton = 1),
  sealing_key_id     TEXT NOT NULL,
  receipt_public_key TEXT NOT NULL,
  nik_key_check      TEXT NOT NULL,
  recorded_at        TEXT NOT NULL
) STRICT;
