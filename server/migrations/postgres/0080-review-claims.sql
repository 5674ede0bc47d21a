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
  registration_id BIGINT NOT NULL REFERENCES registrations (id),
  staff_id        BIGINT NOT NULL REFERENCES staff (id),
  claimed_ms      BIGINT NOT NULL,
  seen_ms         BIGINT NOT NULL,
  PRIMARY KEY (registration_id, staff_id)
);
CREATE INDEX review_claims_seen ON review_claims (seen_ms);

-- A record decided, reopened and decided again owes the applicant a mail for each decision: the
-- outbox keys its rows by the decision's revision, and a reopening cancels a mail not yet sent
-- ('cancelled', its message cleared).
ALTER TABLE outbox ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox DROP CONSTRAINT outbox_registration_id_kind_key;
ALTER TABLE outbox ADD CONSTRAINT outbox_registration_id_kind_revision_key UNIQUE (registration_id, kind, revision);
ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_state_check CHECK (state IN ('pending', 'sent', 'failed', 'cancelled'));
