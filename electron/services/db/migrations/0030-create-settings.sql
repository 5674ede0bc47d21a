-- Device settings an operator chooses on the kiosk (which camera serves which role). No personal
-- data belongs here.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
