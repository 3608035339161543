-- The AI inventory ("KI-Register"): the AI systems an authority uses with their AI Act
-- classification (codes from a fixed list, comma-separated), the org units that use each, the
-- people who take a role beyond "user" (named by an admin or derived from an SSO group), and the
-- requirement rules per role. Each rule is carried out by one ordinary assignment (assignment_id),
-- so due dates, reminders, exemptions and reports work as for any other assignment.
CREATE TABLE ai_systems (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    system_key TEXT NOT NULL,
    name TEXT NOT NULL,
    provider TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL,
    status TEXT NOT NULL,
    classification TEXT NOT NULL DEFAULT '',
    annex_area INTEGER NOT NULL DEFAULT 0,
    contact TEXT NOT NULL DEFAULT '',
    dpia_link TEXT NOT NULL DEFAULT '',
    fria_link TEXT NOT NULL DEFAULT '',
    contract_link TEXT NOT NULL DEFAULT '',
    review_date DATETIME,
    public BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_ai_systems_system_key ON ai_systems (system_key);

CREATE TABLE ai_system_units (
    system_id INTEGER NOT NULL REFERENCES ai_systems (id) ON DELETE CASCADE,
    org_unit_id INTEGER NOT NULL REFERENCES org_units (id),
    PRIMARY KEY (system_id, org_unit_id)
);
CREATE INDEX idx_ai_system_units_org_unit_id ON ai_system_units (org_unit_id);

CREATE TABLE ai_system_holders (
    system_id INTEGER NOT NULL REFERENCES ai_systems (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (system_id, user_id, role)
);
CREATE INDEX idx_ai_system_holders_user_id ON ai_system_holders (user_id);

CREATE TABLE ai_system_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    system_id INTEGER NOT NULL REFERENCES ai_systems (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    measure TEXT NOT NULL,
    validity_months INTEGER NOT NULL DEFAULT 0,
    due_days INTEGER NOT NULL,
    assignment_id INTEGER REFERENCES assignments (id) ON DELETE SET NULL,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_ai_system_rules_system_role_measure ON ai_system_rules (system_id, role, measure);
