-- Long enough for MigrationProgressTest's short interval to see it running.
CREATE TABLE progress_probe AS
  WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000)
  SELECT count(*) AS n FROM c;
