-- Manager reports: settings an admin changes at run time (privacy level, minimum group size, legal
-- wording, the pseudonym key), and the log of every report view and export (who, when, filters,
-- rows, format, integrity hash), which admins can read.
CREATE TABLE settings (
    setting_key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    updated_at DATETIME NOT NULL
);

CREATE TABLE report_exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER REFERENCES users (id),
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    format TEXT NOT NULL,
    filters TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    hash TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX idx_report_exports_created_at ON report_exports (created_at);
