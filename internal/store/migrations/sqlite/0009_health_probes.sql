-- /readyz writes one row per instance at most every few seconds: a database that still answers
-- reads but refuses writes (a full disk, a read-only file system) is not ready.
CREATE TABLE health_probes (
    instance TEXT PRIMARY KEY,
    written_at DATETIME NOT NULL
);
