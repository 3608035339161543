-- Data lifecycle: when an account was deactivated (the retention clock of people who left), when a
-- person's data was deleted (the row stays, pseudonymised, so past figures and issued records
-- hold), tombstones in the evidence log, and legal holds that suspend deletion.
ALTER TABLE users ADD COLUMN deactivated_at DATETIME;
ALTER TABLE users ADD COLUMN deleted_at DATETIME;
UPDATE users SET deactivated_at = updated_at WHERE NOT active;
ALTER TABLE evidence_events ADD COLUMN tombstoned_at DATETIME;
CREATE TABLE legal_holds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER REFERENCES users (id),
    org_unit_id INTEGER REFERENCES org_units (id),
    reason TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    released_at DATETIME,
    released_by INTEGER REFERENCES users (id)
);
CREATE INDEX idx_legal_holds_user_id ON legal_holds (user_id);
CREATE INDEX idx_legal_holds_org_unit_id ON legal_holds (org_unit_id);
