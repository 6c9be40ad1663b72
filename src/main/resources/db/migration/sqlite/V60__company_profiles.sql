-- A company's letterhead: what its outgoing paperwork (orders, load confirmations, invoices)
-- prints at the top and where customers send money. One row per company, made on first edit.
CREATE TABLE company_profiles (
    company_id  INTEGER     PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    legal_name  TEXT        NOT NULL DEFAULT '' CHECK (length(legal_name) <= 200),
    address     TEXT        NOT NULL DEFAULT '' CHECK (length(address) <= 1000),
    phone       TEXT        NOT NULL DEFAULT '' CHECK (length(phone) <= 30),
    email       TEXT        NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    remit_to    TEXT        NOT NULL DEFAULT '' CHECK (length(remit_to) <= 2000),
    logo        BLOB,
    logo_type   TEXT        CHECK (logo_type IN ('image/png', 'image/jpeg')),
    logo_size   INTEGER,
    modified_on TEXT        NOT NULL,
    modified_by INTEGER     REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER     NOT NULL DEFAULT 1
);
