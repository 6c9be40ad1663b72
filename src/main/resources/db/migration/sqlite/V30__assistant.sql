-- The assistant's conversations: same shape as the PostgreSQL schema (timestamps as fixed-width
-- ISO-8601 UTC text, booleans 0/1).

CREATE TABLE assistant_sessions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL DEFAULT '' CHECK (length(title) <= 200),
    archived    INTEGER NOT NULL DEFAULT 0,
    created_on  TEXT    NOT NULL,
    modified_on TEXT    NOT NULL
);
CREATE INDEX assistant_sessions_owner_idx ON assistant_sessions (company_id, user_id, archived, modified_on);

CREATE TABLE assistant_messages (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id        INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    session_id        INTEGER REFERENCES assistant_sessions (id) ON DELETE SET NULL,
    user_id           INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role              TEXT    NOT NULL CHECK (role IN ('user', 'assistant')),
    content           TEXT    NOT NULL DEFAULT '',
    model             TEXT,
    status            TEXT    NOT NULL CHECK (status IN ('complete', 'interrupted', 'failed', 'streaming')),
    finish_reason     TEXT,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    error_code        TEXT,
    tool_calls        TEXT,
    created_on        TEXT    NOT NULL,
    modified_on       TEXT    NOT NULL
);
CREATE INDEX assistant_messages_session_idx ON assistant_messages (session_id, id);
CREATE INDEX assistant_messages_usage_idx ON assistant_messages (company_id, created_on);
CREATE INDEX assistant_messages_user_idx ON assistant_messages (user_id, created_on);
