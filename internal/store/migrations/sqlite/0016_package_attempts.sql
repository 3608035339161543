-- Package modules (SCORM 1.2, SCORM 2004): one attempt per learner, enrollment and module, with
-- the run-time data the package wrote (JSON, internal/scorm.State) and the token of its current
-- launch (SHA-256 of the token in the package's URL).
CREATE TABLE package_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    enrollment_id INTEGER NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    version TEXT NOT NULL,
    module_id TEXT NOT NULL,
    module_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT '',
    score REAL,
    completed_at DATETIME,
    launched_at DATETIME NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_package_attempts_enrollment_module ON package_attempts (enrollment_id, module_id);
CREATE UNIQUE INDEX idx_package_attempts_token_hash ON package_attempts (token_hash);
CREATE INDEX idx_package_attempts_user_id ON package_attempts (user_id);
