-- Files attached to brokerage records (issue 20, point 3): bills of lading, proofs of delivery,
-- certificates, claim photos. A record is named by its resource and id (the resources that take
-- attachments say so in their declaration), so there is no foreign key to it: the engine deletes a
-- record's attachments with the record. The bytes live in the database, as documents' do, so every
-- replica serves them.

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id   INTEGER     NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    resource     TEXT        NOT NULL,
    record_id    INTEGER     NOT NULL,
    filename     TEXT        NOT NULL CHECK (length(filename) <= 255),
    content_type TEXT        NOT NULL,
    size         INTEGER     NOT NULL,
    sha256       TEXT        NOT NULL,
    content      BLOB        NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('bill_of_lading', 'proof_of_delivery', 'certificate', 'photo', 'invoice', 'document', 'other')),
    document_id  INTEGER     REFERENCES documents (id) ON DELETE SET NULL,
    uploaded_by  INTEGER     REFERENCES users (id) ON DELETE SET NULL,
    created_on   TEXT        NOT NULL
);
CREATE INDEX attachments_record_idx ON attachments (company_id, resource, record_id, created_on);
