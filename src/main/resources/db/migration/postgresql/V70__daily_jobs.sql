-- Daily jobs (money/OverdueInvoices): one row per job, day and company, written in the same
-- transaction as that company's changes. Replicas that run the job at once all try to insert it;
-- the first holds the row until it commits, the others then find it and skip the company. A run
-- that fails rolls its row back with its changes, so the next run (the next start, the next day)
-- does the company again.
CREATE TABLE daily_job_runs (
    job        TEXT        NOT NULL,
    day        DATE        NOT NULL,
    company_id BIGINT      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    instance   TEXT        NOT NULL,
    records    INTEGER     NOT NULL,
    ran_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (job, day, company_id)
);

-- Changes made by the service itself (a daily job) rather than a user say so in the history.
ALTER TABLE record_history ADD COLUMN actor TEXT;

-- The daily job looks for sent invoices past their due date in every company at once.
CREATE INDEX invoices_status_due_idx ON invoices (status, due_date);
