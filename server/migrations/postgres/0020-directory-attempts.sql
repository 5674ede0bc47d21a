-- Campus-directory verifications per account (server/directory/): the attempts of the current window,
-- so repeated failures are throttled across every server process. The account is named only by
-- HMAC-SHA256(NIK key, 'profile:username'), never in clear. A success deletes the row.
CREATE TABLE directory_attempts (
  key_hash     BYTEA PRIMARY KEY,
  attempts     INTEGER NOT NULL CHECK (attempts >= 0),
  -- Epoch milliseconds of the window's first attempt.
  window_start BIGINT NOT NULL
);
CREATE INDEX directory_attempts_window ON directory_attempts (window_start);
