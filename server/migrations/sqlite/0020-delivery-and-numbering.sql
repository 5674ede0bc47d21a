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

-- The last number issued per profile and year. Numbers issued before this migration came from one
-- counter for all profiles ("REG-YYYY-NNNNNNN"): each counter starts after them, so none repeats.
CREATE TABLE number_counters (
  profile_id TEXT NOT NULL,
  year       INTEGER NOT NULL,
  last       INTEGER NOT NULL CHECK (last >= 1),
  PRIMARY KEY (profile_id, year)
) STRICT;
INSERT INTO number_counters (profile_id, year, last)
  SELECT profile_id, CAST(substr(registration_number, 5, 4) AS INTEGER), max(CAST(substr(registration_number, 10) AS INTEGER))
  FROM registrations WHERE registration_number LIKE 'REG-____-%' GROUP BY 1, 2;

-- The stored answers keep their time under the name the PostgreSQL schema uses.
ALTER TABLE idempotency RENAME COLUMN created_at TO answered_at;
