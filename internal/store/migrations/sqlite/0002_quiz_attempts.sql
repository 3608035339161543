-- Quiz attempts with the layout drawn for them and the answers saved as the learner goes, and
-- per-person extra time for timed quizzes (an accessibility accommodation, WCAG 2.2.1).
CREATE TABLE quiz_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    course_id TEXT NOT NULL,
    version TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    module_id TEXT NOT NULL,
    seed INTEGER NOT NULL,
    layout TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at DATETIME NOT NULL,
    submitted_at DATETIME,
    deadline DATETIME,
    auto_submitted BOOLEAN NOT NULL DEFAULT FALSE,
    score REAL NOT NULL DEFAULT 0,
    max REAL NOT NULL DEFAULT 0,
    percent REAL NOT NULL DEFAULT 0,
    passed BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX idx_quiz_attempts_user_quiz ON quiz_attempts (user_id, course_id, module_id);
CREATE INDEX idx_quiz_attempts_course_module ON quiz_attempts (course_id, module_id, status);

CREATE TABLE quiz_answers (
    attempt_id INTEGER NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    question_hash TEXT NOT NULL,
    response TEXT NOT NULL,
    score REAL NOT NULL DEFAULT 0,
    max REAL NOT NULL DEFAULT 0,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
);

CREATE TABLE quiz_time_extensions (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    percent INTEGER NOT NULL,
    set_by INTEGER NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    updated_at DATETIME NOT NULL
);
