-- Daily jobs (money/OverdueInvoices): one row per job, day and company, written in the same
-- transaction as that company's changes; a run that finds the row skips the company, and a run
-- that fails rolls its row back with its changes so that the next run does the company again.
CREATE TABLE daily_job_runs (
    job        TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    instance   TEXT    NOT NULL,
    records    INTEGER NOT NULL,
    ran_at     TEXT    NOT NULL,
    PRIMARY KEY (job, day, company_id)
);

-- Changes made by the service itself (a daily job) rather than a user say so in the history.
ALTER TABLE record_history ADD COLUMN actor TEXT;

-- The daily job looks for sent invoices past their due date in every company at once.
CREATE INDEX invoices_status_due_idx ON invoices (status, due_date);
