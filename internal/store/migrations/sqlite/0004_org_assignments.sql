-- Organisation and mandatory training: org units as a tree with a materialised path (so a subtree
-- is one LIKE on an index), users placed in one unit, managers assigned to units, assignments of
-- courses to audiences with due rules and recertification, exemptions, the daily jobs claimed by
-- one instance, and the outbox of reminder emails.
CREATE TABLE org_units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id INTEGER REFERENCES org_units (id),
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX idx_org_units_parent_id ON org_units (parent_id);
CREATE INDEX idx_org_units_path ON org_units (path);

ALTER TABLE users ADD COLUMN org_unit_id INTEGER REFERENCES org_units (id);
ALTER TABLE users ADD COLUMN personnel_number TEXT;
CREATE INDEX idx_users_org_unit_id ON users (org_unit_id);
CREATE UNIQUE INDEX idx_users_personnel_number ON users (personnel_number);

CREATE TABLE manager_units (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_unit_id INTEGER NOT NULL REFERENCES org_units (id),
    PRIMARY KEY (user_id, org_unit_id)
);
CREATE INDEX idx_manager_units_org_unit_id ON manager_units (org_unit_id);

CREATE TABLE assignments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id TEXT NOT NULL,
    title TEXT NOT NULL,
    due_kind TEXT NOT NULL,
    due_date DATETIME,
    due_days INTEGER NOT NULL DEFAULT 0,
    validity_months INTEGER NOT NULL DEFAULT 0,
    window_days INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE TABLE assignment_targets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    org_unit_id INTEGER REFERENCES org_units (id),
    role TEXT NOT NULL DEFAULT '',
    user_id INTEGER REFERENCES users (id)
);
CREATE INDEX idx_assignment_targets_assignment_id ON assignment_targets (assignment_id);
CREATE INDEX idx_assignment_targets_org_unit_id ON assignment_targets (org_unit_id);

CREATE TABLE assignment_members (
    assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    joined_at DATETIME NOT NULL,
    left_at DATETIME,
    PRIMARY KEY (assignment_id, user_id)
);
CREATE INDEX idx_assignment_members_user_id ON assignment_members (user_id);

CREATE TABLE assignment_exemptions (
    assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    PRIMARY KEY (assignment_id, user_id)
);

CREATE TABLE jobs (
    job_key TEXT PRIMARY KEY,
    owner TEXT NOT NULL DEFAULT '',
    lease_until DATETIME,
    done_at DATETIME,
    created_at DATETIME NOT NULL
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at DATETIME NOT NULL,
    lease_until DATETIME,
    last_error TEXT NOT NULL DEFAULT '',
    sent_at DATETIME,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_outbox_dedupe_key ON outbox (dedupe_key);
CREATE INDEX idx_outbox_pending ON outbox (sent_at, next_attempt_at);
