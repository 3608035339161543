-- REST API v1: service tokens (only the SHA-256 of the secret is stored), one rate-limit window per
-- token counted here so that several instances share it, and the log of every API call (never the
-- token itself).
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    hint TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    scopes TEXT NOT NULL,
    allow_ips TEXT NOT NULL DEFAULT '',
    rate_per_minute INTEGER NOT NULL,
    expires_at DATETIME,
    created_by INTEGER REFERENCES users (id),
    created_at DATETIME NOT NULL,
    revoked_at DATETIME
);
CREATE UNIQUE INDEX idx_api_tokens_secret_hash ON api_tokens (secret_hash);

CREATE TABLE api_rate_windows (
    token_id INTEGER PRIMARY KEY REFERENCES api_tokens (id) ON DELETE CASCADE,
    window_number INTEGER NOT NULL,
    calls INTEGER NOT NULL
);

CREATE TABLE api_calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_id INTEGER REFERENCES api_tokens (id) ON DELETE SET NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    ip TEXT NOT NULL,
    called_at DATETIME NOT NULL
);
CREATE INDEX idx_api_calls_token_called ON api_calls (token_id, called_at);
CREATE INDEX idx_api_calls_called_at ON api_calls (called_at);
