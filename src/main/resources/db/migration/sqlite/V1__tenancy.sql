-- Companies (tenants), the people who use them, and how those people prove who they are.
-- Same shape as the PostgreSQL schema: timestamps are fixed-width ISO-8601 UTC text, booleans 0/1.

CREATE TABLE companies (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug        TEXT    NOT NULL UNIQUE CHECK (slug = lower(slug) AND length(slug) BETWEEN 1 AND 80),
    active      INTEGER NOT NULL DEFAULT 1,
    created_on  TEXT    NOT NULL,
    modified_on TEXT    NOT NULL
);

CREATE TABLE users (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    email              TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name               TEXT    NOT NULL DEFAULT '',
    password_hash      TEXT    NOT NULL,
    active             INTEGER NOT NULL DEFAULT 1,
    default_company_id INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    created_on         TEXT    NOT NULL,
    modified_on        TEXT    NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'user', 'readonly')),
    created_on TEXT    NOT NULL,
    UNIQUE (user_id, company_id)
);
CREATE INDEX memberships_company_idx ON memberships (company_id);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_on   TEXT    NOT NULL,
    last_seen_on TEXT    NOT NULL,
    expires_on   TEXT    NOT NULL,
    ip           TEXT,
    user_agent   TEXT
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT    NOT NULL UNIQUE,
    prefix       TEXT    NOT NULL,
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id   INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_on   TEXT    NOT NULL,
    expires_on   TEXT,
    last_used_on TEXT,
    revoked_on   TEXT
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, company_id);
