-- The search trigram indexes take each new row's entries at once instead of in a pending list
-- (issue 20, point 5; bench/CHANGES.md 58). With GIN's default fastupdate, rows written since the
-- last vacuum wait in the index's pending list, which every search scans whole. seed-demo --orders
-- 10000 on a fresh database left 21,630 pending entries on purchase_orders_search_trgm (11,383 on
-- sales orders', 15,790 on payments'), and until autovacuum came a fragment search's statement took
-- 1.63-1.71 ms instead of 0.42-0.51 ms with fastupdate off. The cost moves to the writes: seed-demo
-- 10k took 34.8 s against 32.6 s (one run each).
-- gin_clean_pending_list moves what a pending list already holds into the index.
DO $$
DECLARE
  idx regclass;
BEGIN
  FOR idx IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'i' AND n.nspname = current_schema() AND c.relname LIKE '%\_search\_trgm'
  LOOP
    EXECUTE format('ALTER INDEX %s SET (fastupdate = off)', idx);
    PERFORM gin_clean_pending_list(idx);
  END LOOP;
END $$;
