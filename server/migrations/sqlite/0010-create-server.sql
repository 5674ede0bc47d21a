-- The reference central server. Records are stored exactly as received: sealed to the server's
-- key. Personal data is opened only in memory, to validate and to apply the business rules.

-- One-time enrolment codes, stored hashed (SHA-256); a code is used once and expires.
CREATE TABLE enrol_codes (
  code_hash  BLOB PRIMARY KEY,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT,
  used_by    TEXT
) STRICT;

CREATE TABLE devices (
  device_id   TEXT PRIMARY KEY,
  -- Ed25519 request-signing public key (raw, base64url).
  signing_key TEXT NOT NULL,
  enrolled_at TEXT NOT NULL,
  revoked_at  TEXT
) STRICT;

-- Nonces of signed requests seen inside the timestamp window: a replay is refused.
CREATE TABLE nonces (
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  nonce     TEXT NOT NULL,
  seen_at   INTEGER NOT NULL,
  PRIMARY KEY (device_id, nonce)
) STRICT;
CREATE INDEX nonces_seen_at ON nonces (seen_at);

CREATE TABLE registrations (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  registration_number TEXT NOT NULL UNIQUE,
  device_id           TEXT NOT NULL REFERENCES devices (device_id),
  record_id           TEXT NOT NULL,
  profile_id          TEXT NOT NULL,
  -- HMAC-SHA256 of profile + NIK under a server key: one registration per NIK, no plaintext NIK.
  nik_hash            BLOB,
  sealed              BLOB NOT NULL,
  payload_sha256      TEXT NOT NULL,
  received_at         TEXT NOT NULL,
  UNIQUE (device_id, record_id),
  UNIQUE (profile_id, nik_hash)
) STRICT;

-- Idempotency (Stripe; IETF draft-ietf-httpapi-idempotency-key-header): the first answer to a key is
-- stored in the same transaction as its effect, and every retry with the same key and body gets it.
CREATE TABLE idempotency (
  device_id      TEXT NOT NULL REFERENCES devices (device_id),
  key            TEXT NOT NULL,
  request_sha256 TEXT NOT NULL,
  status         INTEGER NOT NULL,
  response       TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  PRIMARY KEY (device_id, key)
) STRICT;
