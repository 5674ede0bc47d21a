-- Keys at rest (issue 15).
--
-- key_checks: what this database remembers of the keys its rows were written with — one check value
-- per key (HMAC-SHA256 of a fixed text under the key, node/crypto/secret-store.ts), never the key.
-- At start a recorded key that is missing or does not match stops the kiosk instead of being
-- replaced by a fresh one, which would leave every sealed record unreadable. A NULL value means
-- "this key must exist; its value is recorded at the next start": a database from before this step
-- that already holds records was written with a data key, and an enrolled one signs with a device key.
CREATE TABLE key_checks (
  name        TEXT PRIMARY KEY,
  check_value BLOB CHECK (check_value IS NULL OR length(check_value) = 32)
) STRICT;
INSERT INTO key_checks (name) SELECT 'data' WHERE EXISTS (SELECT 1 FROM registrations);
INSERT INTO key_checks (name) SELECT 'device-signing' WHERE EXISTS (SELECT 1 FROM server_link);

-- The NIK tag only keeps a second applicant with the same unique value out of this kiosk's queue
-- while the first one waits here. Once a record is settled — acknowledged by the server, or refused
-- by it — the server is the authority, and the tag (a keyed hash of the NIK) has no business on the
-- kiosk's disk any longer. The table is rebuilt so nik_tag may be NULL (SQLite cannot alter a
-- column), settled rows lose their tags, and the schema keeps it so: a settled row holds no tag, a
-- waiting or held one always does.
DROP TRIGGER registrations_ack_needs_receipt;
DROP INDEX registrations_state_seq;
DROP INDEX registrations_unsettled;

CREATE TABLE registrations_v8 (
  id                  TEXT PRIMARY KEY,          -- client-generated UUID, the idempotency key
  seq                 INTEGER NOT NULL UNIQUE,   -- per-device, strictly increasing
  receipt_number      TEXT NOT NULL UNIQUE,      -- the applicant's ticket number on this kiosk
  profile_id          TEXT NOT NULL,
  state               TEXT NOT NULL CHECK (state IN ('pending', 'uploading', 'acked', 'rejected', 'held')),
  nik_tag             BLOB UNIQUE,               -- NULL once settled ('acked', 'rejected')
  payload             BLOB,                      -- NULL once acknowledged by the server
  reject_reason       TEXT,                      -- why the server refused it ('rejected') or why it is 'held'
  sealing             TEXT NOT NULL CHECK (sealing IN ('device', 'server')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  next_attempt_at     INTEGER NOT NULL DEFAULT 0, -- epoch ms; read as "due" when beyond now + the backoff cap
  last_error          TEXT,                      -- the last failed attempt's code, while it waits
  registration_number TEXT,
  server_receipt      TEXT,                      -- the signed delivery receipt (JSON)
  acked_at            TEXT,
  outcome             TEXT CHECK (outcome IN ('received', 'numbered', 'rejected')),
  outcome_reason      TEXT,
  outcome_proof       TEXT,                      -- the last signed outcome (JSON)
  settled_at          TEXT,                      -- when a final outcome (numbered, rejected) became known
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  exported_at         TEXT,                      -- when last written into an export (0070)
  CHECK (state = 'acked' OR payload IS NOT NULL),
  CHECK ((state = 'acked') = (outcome IS NOT NULL)),
  CHECK ((outcome = 'numbered') = (registration_number IS NOT NULL)),
  CHECK ((state IN ('acked', 'rejected')) = (nik_tag IS NULL))
) STRICT;

INSERT INTO registrations_v8 (id, seq, receipt_number, profile_id, state, nik_tag, payload, reject_reason, sealing, attempts, next_attempt_at,
                              last_error, registration_number, server_receipt, acked_at, outcome, outcome_reason, outcome_proof, settled_at,
                              created_at, updated_at, exported_at)
  SELECT id, seq, receipt_number, profile_id, state, CASE WHEN state IN ('acked', 'rejected') THEN NULL ELSE nik_tag END, payload, reject_reason,
         sealing, attempts, next_attempt_at, last_error, registration_number, server_receipt, acked_at, outcome, outcome_reason, outcome_proof,
         settled_at, created_at, updated_at, exported_at
  FROM registrations;
DROP TABLE registrations;
ALTER TABLE registrations_v8 RENAME TO registrations;
CREATE INDEX registrations_state_seq ON registrations (state, seq);
CREATE INDEX registrations_unsettled ON registrations (outcome) WHERE outcome = 'received';

-- Kept from 0050: a record is acknowledged only together with its signed delivery receipt and the
-- purge of its payload (one UPDATE), so a crash can never leave a purged record without proof of delivery.
CREATE TRIGGER registrations_ack_needs_receipt BEFORE UPDATE OF state ON registrations
WHEN NEW.state = 'acked' AND (NEW.server_receipt IS NULL OR NEW.payload IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'an acknowledged record needs its delivery receipt and no payload');
END;
