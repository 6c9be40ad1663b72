-- Invitations into a company, and the failed sign-ins that throttling counts.
-- Same shape as the PostgreSQL schema: timestamps are fixed-width ISO-8601 UTC text.

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email       TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role        TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'user', 'readonly')),
    token_hash  TEXT    NOT NULL UNIQUE,
    invited_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_on  TEXT    NOT NULL,
    expires_on  TEXT    NOT NULL,
    accepted_on TEXT,
    accepted_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    revoked_on  TEXT
);
CREATE UNIQUE INDEX invitations_open_key ON invitations (company_id, lower(email))
    WHERE accepted_on IS NULL AND revoked_on IS NULL;
CREATE INDEX invitations_company_idx ON invitations (company_id, created_on);

CREATE TABLE login_attempts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    subject    TEXT    NOT NULL,
    created_on TEXT    NOT NULL
);
CREATE INDEX login_attempts_subject_idx ON login_attempts (subject, created_on);
CREATE INDEX login_attempts_created_idx ON login_attempts (created_on);
