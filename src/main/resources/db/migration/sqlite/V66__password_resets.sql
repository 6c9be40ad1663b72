-- Password reset links: the link carries a random 256-bit secret, the table only its SHA-256.
-- A link works once and for an hour; issued_by is the admin who made it, NULL when the user asked.
-- Same shape as the PostgreSQL schema: timestamps are fixed-width ISO-8601 UTC text.

CREATE TABLE password_resets (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    issued_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_on TEXT    NOT NULL,
    expires_on TEXT    NOT NULL,
    used_on    TEXT
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_on);
