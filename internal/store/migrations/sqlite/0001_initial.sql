-- Accounts, roles, server-side sessions, login throttling, published course version hashes.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    language TEXT NOT NULL DEFAULT '',
    password_changed_at DATETIME,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_users_email ON users (email);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE web_sessions (
    id TEXT PRIMARY KEY,
    secret_hash BLOB NOT NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    data BLOB,
    user_agent TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);
CREATE INDEX idx_web_sessions_user_id ON web_sessions (user_id);
CREATE INDEX idx_web_sessions_expires_at ON web_sessions (expires_at);

CREATE TABLE auth_throttles (
    throttle_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start DATETIME NOT NULL
);

CREATE TABLE course_version_hashes (
    course_id TEXT NOT NULL,
    version TEXT NOT NULL,
    hash TEXT NOT NULL,
    first_seen_at DATETIME NOT NULL,
    PRIMARY KEY (course_id, version)
);
