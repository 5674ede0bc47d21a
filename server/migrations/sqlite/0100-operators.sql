-- Kiosk operators (server/operators/): accounts made by an admin in the back office or with
-- `create-operator`, sent to every enrolled kiosk as password hashes (POST /v1/operators, signed with
-- the receipt key) so operators log in there offline. A row is never deleted: a disabled account must
-- keep travelling, disabled, or a kiosk holding an old list would still let it in. updated_at changes
-- with every change that kiosks must hear of (a new password, disabling). created_by is the admin's
-- username, NULL from the command line.
CREATE TABLE operators (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT,
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  created_by    TEXT
) STRICT;
