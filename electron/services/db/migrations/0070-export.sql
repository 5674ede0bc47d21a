-- Export to a removable drive (issue 14): when a record still waiting for delivery was last written
-- into an export for the server's import. Exporting marks, it never purges: an exported record stays
-- 'pending' with its sealed payload and is uploaded as before (the server answers an import and an
-- upload of the same record with one answer); only the signed delivery receipt purges it.
ALTER TABLE registrations ADD COLUMN exported_at TEXT;
