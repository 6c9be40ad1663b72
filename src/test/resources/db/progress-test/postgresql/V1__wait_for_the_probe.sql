-- Waits for the advisory lock MigrationProgressTest holds, as a real migration waits for a table
-- lock an old replica's transaction holds.
CREATE TABLE progress_probe (id int);
SELECT pg_advisory_xact_lock(4242);
