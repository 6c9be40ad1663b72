-- Outgoing e-mail. Every message is written here first (in the transaction of whatever asked for
-- it) and sent afterwards by whichever replica claims it, so a message is never lost to a crash
-- and never sent twice once the server has accepted it (docs/mail.md). Same shape as the
-- PostgreSQL schema: timestamps are fixed-width ISO-8601 UTC text.

CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id      INTEGER     REFERENCES companies (id) ON DELETE CASCADE,
    created_by      INTEGER     REFERENCES users (id) ON DELETE SET NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('document', 'invitation', 'password_reset')),
    resource        TEXT,
    record_id       INTEGER,
    message_id      TEXT        NOT NULL UNIQUE,
    recipients      TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    attachment_name TEXT,
    attachment_type TEXT,
    attachment      BLOB,
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_on TEXT        NOT NULL,
    claimed_until   TEXT,
    server_reply    TEXT,
    sent_on         TEXT,
    created_on      TEXT        NOT NULL,
    modified_on     TEXT        NOT NULL
);
-- The worker's sweep: messages due now, and claims that outlived their replica.
CREATE INDEX mail_outbox_due_idx ON mail_outbox (status, next_attempt_on);
CREATE INDEX mail_outbox_record_idx ON mail_outbox (company_id, resource, record_id, created_on);
