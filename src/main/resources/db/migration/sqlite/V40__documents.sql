-- Uploaded documents and the drafts read from them (issue 5, points 7-9). The bytes live in the
-- database so that every replica can process and serve them; nothing is kept on local disk.

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id   INTEGER     NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    uploaded_by  INTEGER     REFERENCES users (id) ON DELETE SET NULL,
    filename     TEXT        NOT NULL CHECK (length(filename) <= 255),
    content_type TEXT        NOT NULL,
    size         INTEGER     NOT NULL,
    sha256       TEXT        NOT NULL,
    content      BLOB        NOT NULL,
    target       TEXT,
    status       TEXT        NOT NULL CHECK (status IN ('pending', 'processing', 'needs_review', 'failed', 'accepted', 'rejected')),
    error        TEXT,
    draft        TEXT,
    flags        TEXT,
    resource     TEXT,
    record_id    INTEGER,
    created_on   TEXT        NOT NULL,
    modified_on  TEXT        NOT NULL,
    version      INTEGER     NOT NULL DEFAULT 1
);
CREATE INDEX documents_company_idx ON documents (company_id, created_on);
-- The sweep looks for pending work and for processing that outlived its replica.
CREATE INDEX documents_status_idx ON documents (status, modified_on);
