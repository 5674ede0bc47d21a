-- Entries of the kiosks' own trails (operator logins, exports, …) already added to the audit trail,
-- by kiosk and the kiosk's entry id: a batch sent again after a lost answer adds nothing twice.
CREATE TABLE kiosk_audit_received (
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  local_id  INTEGER NOT NULL,
  PRIMARY KEY (device_id, local_id)
) STRICT;
