-- Damaged queue databases moved aside at start (node/sqlite/open.ts, policy 'quarantine'), as this
-- kiosk found them: the operator is told, and the sealed records still readable in them go into the
-- operator's export (electron/services/db/quarantine.ts). Counts only, never a record's content.
CREATE TABLE quarantined_databases (
  file           TEXT PRIMARY KEY,   -- its name in the data directory (queue.db.corrupt-<time>)
  quarantined_at TEXT NOT NULL,      -- when it was moved aside
  device_id      TEXT,               -- the device id it held (its records name it); NULL if unreadable
  server_sealed  INTEGER NOT NULL,   -- undelivered records sealed to the server: exportable, importable
  device_sealed  INTEGER NOT NULL,   -- undelivered records sealed with the device key only (never enrolled)
  exported_at    TEXT                -- when its readable records last went into an export
) STRICT;
