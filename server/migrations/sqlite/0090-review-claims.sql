-- Reviewing together (server/review/), and finding a record from its printed receipt: a record's revision counts its decisions and reopenings, so a
-- decision made on an older view of it is refused even when its state has come back to 'received';
-- review_claims says who has the record open (each reviewer's page renews its claim while open), so
-- two reviewers see each other. A claim never blocks a decision: the revision does that.
ALTER TABLE registrations ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- The number on the applicant's printed receipt (sent by the kiosk with the upload, checked to name
-- that kiosk): staff find a registration from the card the applicant brings.
ALTER TABLE registrations ADD COLUMN receipt_number TEXT;
CREATE INDEX registrations_receipt ON registrations (receipt_number) WHERE receipt_number IS NOT NULL;

CREATE TABLE review_claims (
  registration_id INTEGER NOT NULL REFERENCES registrations (id),
  staff_id        INTEGER NOT NULL REFERENCES staff (id),
  claimed_ms      INTEGER NOT NULL,
  seen_ms         INTEGER NOT NULL,
  PRIMARY KEY (registration_id, staff_id)
) STRICT;
CREATE INDEX review_claims_seen ON review_claims (seen_ms);

-- A record decided, reopened and decided again owes the applicant a mail for each decision: the
-- outbox keys its rows by the decision's revision, and a reopening cancels a mail not yet sent
-- ('cancelled', its message cleared). SQLite cannot alter a constraint: the table is rebuilt.
CREATE TABLE outbox_v2 (
  id              INTEGER PRIMARY KEY,
  registration_id INTEGER NOT NULL REFERENCES registrations (id),
  kind            TEXT NOT NULL CHECK (kind IN ('approved', 'rejected')),
  revision        INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'cancelled')),
  sealed          BLOB CHECK ((state = 'pending') = (sealed IS NOT NULL)),
  created_at      TEXT NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  lease_until_ms  INTEGER NOT NULL DEFAULT 0,
  lease_token     TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error      TEXT,
  sent_at         TEXT,
  UNIQUE (registration_id, kind, revision)
) STRICT;
INSERT INTO outbox_v2 (id, registration_id, kind, revision, state, sealed, created_at, next_attempt_ms, lease_until_ms, lease_token, attempts, last_error, sent_at)
  SELECT id, registration_id, kind, 0, state, sealed, created_at, next_attempt_ms, lease_until_ms, lease_token, attempts, last_error, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_ms) WHERE state = 'pending';
