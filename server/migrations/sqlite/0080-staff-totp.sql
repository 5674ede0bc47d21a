-- The optional TOTP second factor of staff accounts (server/staff/totp*.ts). Secrets are sealed
-- (AES-256-GCM under a key kept with the server's keys, the account id as associated data), never
-- stored in plaintext. totp_pending holds a secret shown but not yet confirmed with a code; it
-- becomes totp_secret only when confirmed. totp_last_step is the 30-second step of the last code
-- accepted: a code of that step or an earlier one is refused (no replay).
ALTER TABLE staff ADD COLUMN totp_secret BLOB;
ALTER TABLE staff ADD COLUMN totp_pending BLOB;
ALTER TABLE staff ADD COLUMN totp_last_step INTEGER;
