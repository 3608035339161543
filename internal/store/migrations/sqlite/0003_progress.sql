-- Learning progress and the Art. 4 evidence: enrollments pinned to a course version, lessons read
-- and quizzes passed per module, completions (the record of participation), and the append-only,
-- hash-chained evidence log.
CREATE TABLE enrollments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    version TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source TEXT NOT NULL,
    enrolled_at DATETIME NOT NULL,
    last_activity_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_enrollments_user_course ON enrollments (user_id, course_id);
CREATE INDEX idx_enrollments_course_id ON enrollments (course_id);

CREATE TABLE lesson_progress (
    enrollment_id INTEGER NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    module_id TEXT NOT NULL,
    module_hash TEXT NOT NULL,
    done_at DATETIME,
    quiz_passed_at DATETIME,
    PRIMARY KEY (enrollment_id, module_id)
);

CREATE TABLE completions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    course_id TEXT NOT NULL,
    version TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    completed_at DATETIME NOT NULL,
    valid_until DATETIME,
    revoked_at DATETIME,
    revoke_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_completions_record_id ON completions (record_id);
CREATE UNIQUE INDEX idx_completions_user_course_version ON completions (user_id, course_id, version);
CREATE INDEX idx_completions_course_id ON completions (course_id);

CREATE TABLE evidence_events (
    seq INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    subject_user_id INTEGER,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_evidence_events_prev_hash ON evidence_events (prev_hash);
CREATE INDEX idx_evidence_events_subject_user_id ON evidence_events (subject_user_id);
