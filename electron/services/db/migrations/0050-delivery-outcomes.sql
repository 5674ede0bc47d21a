-- Delivery is not numbering. A record is 'acked' once the server signs a delivery receipt for it:
-- the payload is purged then, whether or not a registration number came with the receipt. Where the
-- record stands afterwards ('received' until staff decide, 'numbered', 'rejected') is pulled from
-- the server, signed, on each sync cycle until it is settled. A record that cannot be sent at all
-- (its sealed payload no longer opens) is 'held' with its reason for an operator; it never blocks
-- the records behind it. The table is rebuilt to widen the state check (SQLite cannot alter one).

DROP TRIGGER registrations_ack_needs_receipt;
DROP INDEX registrations_state_seq;

CREATE TABLE registrations_v5 (
  id                  TEXT PRIMARY KEY,          -- client-generated UUID, the idempotency key
  seq                 INTEGER NOT NULL UNIQUE,   -- per-device, strictly increasing
  receipt_number      TEXT NOT NULL UNIQUE,      -- the applicant's ticket number on this kiosk
  profile_id          TEXT NOT NULL,
  state               TEXT NOT NULL CHECK (state IN ('pending', 'uploading', 'acked', 'rejected', 'held')),
  nik_tag             BLOB NOT NULL UNIQUE,
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
  CHECK (state = 'acked' OR payload IS NOT NULL),
  CHECK ((state = 'acked') = (outcome IS NOT NULL)),
  CHECK ((outcome = 'numbered') = (registration_number IS NOT NULL))
) STRICT;

INSERT INTO registrations_v5 (id, seq, receipt_number, profile_id, state, nik_tag, payload, reject_reason, sealing, attempts, next_attempt_at,
                              registration_number, server_receipt, acked_at, outcome, settled_at, created_at, updated_at)
  SELECT id, seq, receipt_number, profile_id, state, nik_tag, payload, reject_reason, sealing, attempts, next_attempt_at,
         registration_number, server_receipt, acked_at,
         CASE WHEN state = 'acked' THEN 'numbered' END, CASE WHEN state = 'acked' THEN acked_at END, created_at, updated_at
  FROM registrations;
DROP TABLE registrations;
ALTER TABLE registrations_v5 RENAME TO registrations;
CREATE INDEX registrations_state_seq ON registrations (state, seq);
CREATE INDEX registrations_unsettled ON registrations (outcome) WHERE outcome = 'received';

-- Invariant kept from 0040, without the number: a record is acknowledged only together with its
-- signed delivery receipt and the purge of its payload (one UPDATE), so a crash can never leave a
-- purged record without proof of delivery.
CREATE TRIGGER registrations_ack_needs_receipt BEFORE UPDATE OF state ON registrations
WHEN NEW.state = 'acked' AND (NEW.server_receipt IS NULL OR NEW.payload IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'an acknowledged record needs its delivery receipt and no payload');
END;
