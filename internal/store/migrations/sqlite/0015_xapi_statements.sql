-- xAPI statements waiting for the learning record store, or sent. A periodic scan writes one row
-- per event (enrolment, completion, quiz attempt, expiry) with a statement id derived from the
-- event, so scanning or resending twice never makes a second statement. rejected_at: the LRS
-- refused the statement for good (400 or 409); only "ailit xapi resend" tries it again.
CREATE TABLE xapi_statements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    statement_id TEXT NOT NULL,
    event_key TEXT NOT NULL,
    verb TEXT NOT NULL,
    user_id INTEGER,
    body TEXT NOT NULL,
    event_at DATETIME NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at DATETIME NOT NULL,
    lease_until DATETIME,
    last_error TEXT NOT NULL DEFAULT '',
    rejected_at DATETIME,
    sent_at DATETIME,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_xapi_statements_statement_id ON xapi_statements (statement_id);
CREATE INDEX idx_xapi_statements_pending ON xapi_statements (sent_at, next_attempt_at);
CREATE INDEX idx_xapi_statements_event_at ON xapi_statements (event_at);
