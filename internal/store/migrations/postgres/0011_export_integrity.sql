-- A CSV export is a plain table; its integrity file (FILE.csv.integrity.json: the SHA-256 of the
-- file, the report's metadata and the evidence entry that logs the export) is kept with the log
-- entry, so it can be downloaded again from the report page and the export log.
ALTER TABLE report_exports ADD COLUMN integrity TEXT NOT NULL DEFAULT '';
