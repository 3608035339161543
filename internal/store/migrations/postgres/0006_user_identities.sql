-- Single sign-on: the link between an account and its identity at an identity provider (the OIDC
-- subject, or the LDAP entry's stable id), so a renamed or re-mailed person stays the same account.
-- login_name is the name last used at the LDAP login form, to find the account of a person the
-- directory no longer knows.
CREATE TABLE user_identities (
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    login_name TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    last_login_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE UNIQUE INDEX idx_user_identities_user_provider ON user_identities (user_id, provider);
CREATE INDEX idx_user_identities_login_name ON user_identities (provider, login_name);
