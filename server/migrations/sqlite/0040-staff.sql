-- Back-office staff (server/staff/): accounts with one role each, their sessions, and the audit
-- trail. Passwords are scrypt hashes; a session is known only by the SHA-256 of its cookie's token,
-- so a copy of the database opens no session (its CSRF token is useless without that cookie).
-- Login attempts are counted per typed username in directory_attempts (a hash of it, whether or not
-- such an account exists), before the password is checked: see server/staff/routes.ts.
CREATE TABLE staff (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'auditor')),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE staff_sessions (
  token_hash   BLOB PRIMARY KEY,
  staff_id     INTEGER NOT NULL REFERENCES staff (id),
  csrf_token   TEXT NOT NULL,
  created_ms   INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- Append-only: each entry's hash covers the previous entry's hash and its own fields, so an entry
-- edited or removed in the middle breaks the chain; audit_head holds the last one, updated in the
-- same transaction as the append (appends from several processes take turns on it).
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT,
  detail    TEXT,
  prev_hash BLOB NOT NULL,
  hash      BLOB NOT NULL
) STRICT;

CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash BLOB NOT NULL
) STRICT;
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, zeroblob(32));
