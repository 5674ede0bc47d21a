-- Operators (electron/services/operators/): the accounts the central server sends this kiosk, with
-- their password hashes (scrypt; never a password), so an operator logs in while the link is down.
-- Failed logins are counted per typed username, before the password is checked, and survive a
-- restart; five in fifteen minutes lock the name. kiosk_audit is the local trail of what operators
-- did (logins, exports, re-queues, enrolments, camera changes): no personal data, sent to the server.
CREATE TABLE operators (
  username      TEXT PRIMARY KEY,
  display_name  TEXT,
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE operator_attempts (
  username     TEXT PRIMARY KEY,
  attempts     INTEGER NOT NULL,
  window_start INTEGER NOT NULL
) STRICT;

CREATE TABLE kiosk_audit (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT NOT NULL,
  operator TEXT,
  action   TEXT NOT NULL,
  detail   TEXT,
  sent_at  TEXT
) STRICT;

-- When the server read the operator list this kiosk holds: an older list (a replayed or delayed
-- answer) never replaces a newer one.
CREATE TABLE operator_list (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  issued_at TEXT NOT NULL
) STRICT;
