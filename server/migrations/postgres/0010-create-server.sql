-- The central server on PostgreSQL: the same tables as the SQLite engine (migrations/sqlite, up to
-- 0020), with PostgreSQL's types. Records are stored exactly as received: sealed to the server's
-- key. Personal data is opened only in memory, to validate and to apply the business rules.

-- One-time enrolment codes, stored hashed (SHA-256); a code is used once and expires.
CREATE TABLE enrol_codes (
  code_hash  BYTEA PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at    TIMESTAMPTZ,
  used_by    TEXT
);

CREATE TABLE devices (
  device_id   TEXT PRIMARY KEY,
  -- Ed25519 request-signing public key (raw, base64url).
  signing_key TEXT NOT NULL,
  enrolled_at TIMESTAMPTZ NOT NULL,
  revoked_at  TIMESTAMPTZ
);

-- Nonces of signed requests inside the timestamp window (epoch ms): a replay is refused. Pruned.
CREATE TABLE nonces (
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  nonce     TEXT NOT NULL,
  seen_at   BIGINT NOT NULL,
  PRIMARY KEY (device_id, nonce)
);
CREATE INDEX nonces_seen_at ON nonces (seen_at);

CREATE TABLE registrations (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id           TEXT NOT NULL REFERENCES devices (device_id),
  record_id           TEXT NOT NULL,
  profile_id          TEXT NOT NULL,
  -- HMAC-SHA256 of profile + NIK under a server key: one registration per NIK, no plaintext NIK.
  nik_hash            BYTEA,
  sealed              BYTEA NOT NULL,
  payload_sha256      TEXT NOT NULL,
  received_at         TIMESTAMPTZ NOT NULL,
  state               TEXT NOT NULL CHECK (state IN ('received', 'numbered', 'rejected')),
  registration_number TEXT UNIQUE,
  decided_at          TIMESTAMPTZ,
  decision_reason     TEXT,
  UNIQUE (device_id, record_id),
  UNIQUE (profile_id, nik_hash),
  CHECK ((state = 'numbered') = (registration_number IS NOT NULL))
);
-- Sealed records are ciphertext: compressing them only costs CPU.
ALTER TABLE registrations ALTER COLUMN sealed SET STORAGE EXTERNAL;
-- The records waiting for a staff decision (review-first profiles); numbered ones never enter it.
CREATE INDEX registrations_received ON registrations (id) WHERE state = 'received';

-- Registration numbers come from one sequence per number prefix and year, created on first use
-- (registration_number_<prefix>_<year>): no row lock makes concurrent registrations wait.

-- Idempotency (Stripe; IETF draft-ietf-httpapi-idempotency-key-header): the first answer to a key is
-- stored in the same transaction as its effect, and every retry with the same key and body gets it.
CREATE TABLE idempotency (
  device_id      TEXT NOT NULL REFERENCES devices (device_id),
  key            TEXT NOT NULL,
  request_sha256 TEXT NOT NULL,
  status         INTEGER NOT NULL,
  response       TEXT NOT NULL,
  answered_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (device_id, key)
);

-- Which keys this database belongs to: public facts only (store/server-keys-table.ts).
CREATE TABLE server_keys (
  singleton          INTEGER PRIMARY KEY CHECK (singleton = 1),
  sealing_key_id     TEXT NOT NULL,
  receipt_public_key TEXT NOT NULL,
  nik_key_check      TEXT NOT NULL,
  recorded_at        TIMESTAMPTZ NOT NULL
);
