-- The transactional outbox of e-mail to applicants (server/store/outbox-table.ts): a row is written
-- in the transaction that decides its registration, so a decision never lacks its mail and a mail
-- never announces a decision that was undone. The message (address, name, text) is sealed to the
-- server's own key and cleared once sent; what stays is when, how many attempts, and the last
-- error's code. Workers in any process claim a due row by moving its lease with one conditional
-- UPDATE (a concurrent claim re-checks the lease on the updated row and takes nothing).
CREATE TABLE outbox (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  registration_id BIGINT NOT NULL REFERENCES registrations (id),
  kind            TEXT NOT NULL CHECK (kind IN ('approved', 'rejected')),
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  -- NULL once the row is settled (sent, or refused for good): nothing personal is kept after that.
  sealed          BYTEA CHECK ((state = 'pending') = (sealed IS NOT NULL)),
  created_at      TIMESTAMPTZ NOT NULL,
  -- Epoch ms: not before this, and not while another worker's lease runs.
  next_attempt_ms BIGINT NOT NULL,
  lease_until_ms  BIGINT NOT NULL DEFAULT 0,
  lease_token     TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- A code only (ECONNECTION, EENVELOPE 550, …): an SMTP server's words may quote the address.
  last_error      TEXT,
  sent_at         TIMESTAMPTZ,
  UNIQUE (registration_id, kind)
);
CREATE INDEX outbox_due ON outbox (next_attempt_ms) WHERE state = 'pending';
