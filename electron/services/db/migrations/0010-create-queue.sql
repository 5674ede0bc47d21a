-- The device row and the registration queue. Applicant data lives only in `payload`, sealed with
-- AES-256-GCM; `nik_tag` is an HMAC of the NIK under a device key (no plaintext NIK anywhere).

CREATE TABLE device (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  -- A fresh database gets a fresh device id, so receipt numbers never repeat after a recreate.
  device_id  TEXT NOT NULL,
  next_seq   INTEGER NOT NULL CHECK (next_seq >= 1),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE registrations (
  id             TEXT PRIMARY KEY,                 -- client-generated UUID, the idempotency key
  seq            INTEGER NOT NULL UNIQUE,          -- per-device, strictly increasing
  receipt_number TEXT NOT NULL UNIQUE,
  profile_id     TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('pending', 'uploading', 'acked', 'rejected')),
  nik_tag        BLOB NOT NULL UNIQUE,
  payload        BLOB,                             -- NULL once acknowledged by the server
  reject_reason  TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK (state = 'acked' OR payload IS NOT NULL)
) STRICT;
