-- Measures beyond online courses (docs/measures.md): live session series with their dates and
-- registrations (a waiting list by registration order), and external evidence (uploaded
-- certificates a manager accepts or rejects). Taking a measure is recorded as a completion whose
-- course_id is the measure's key ("session:<key>", "external:<id>").
CREATE TABLE session_series (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    series_key TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    meeting_url TEXT NOT NULL DEFAULT '',
    capacity INTEGER NOT NULL,
    cancel_hours INTEGER NOT NULL DEFAULT 0,
    trainer_id INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_session_series_key ON session_series (series_key);

CREATE TABLE session_dates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    series_id INTEGER NOT NULL REFERENCES session_series (id) ON DELETE CASCADE,
    starts_at DATETIME NOT NULL,
    ends_at DATETIME NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX idx_session_dates_series_id ON session_dates (series_id);

CREATE TABLE session_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    date_id INTEGER NOT NULL REFERENCES session_dates (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    registered_at DATETIME NOT NULL,
    cancelled_at DATETIME,
    attended BOOLEAN NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX idx_session_registrations_date_user ON session_registrations (date_id, user_id);
CREATE INDEX idx_session_registrations_user_id ON session_registrations (user_id);

CREATE TABLE external_evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    measure_id TEXT NOT NULL,
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    issued_on DATETIME NOT NULL,
    file_name TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    decided_by INTEGER REFERENCES users (id),
    decided_at DATETIME,
    reason TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX idx_external_evidence_user_id ON external_evidence (user_id);
CREATE INDEX idx_external_evidence_status ON external_evidence (status);
