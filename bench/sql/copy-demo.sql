-- run.sh's scenario 6: the first demo size's seed-demo data repeated to make a larger set. Every
-- company's purchase orders, sales orders, invoices and carrier POs are copied (copies) times, their
-- numbers continued (10001…10000+N, then N+10001…), same counterparts, dates and amounts. Only
-- ordinary columns are listed: a stored generated column (search_text) may not be named in an
-- INSERT. Run as: psql -v ON_ERROR_STOP=1 -v copies=N -f copy-demo.sql. run.sh hashes this file
-- into the data set's mark, so a set made by another version of it is made again.
SELECT set_config('bench.copies', :'copies', false) \g /dev/null
DO $$
DECLARE t record; cols text; maxid bigint; k int;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('purchase_orders', 'order_number'), ('sales_orders', 'order_number'),
                                 ('invoices', 'invoice_number'), ('carrier_purchase_orders', 'carrier_po_number')) v(tab, num) LOOP
    SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name = t.tab AND is_generated = 'NEVER' AND column_name NOT IN ('id', t.num);
    EXECUTE format('SELECT max(id) FROM %I', t.tab) INTO maxid;
    FOR k IN 1 .. current_setting('bench.copies')::int LOOP
      EXECUTE format('WITH n AS (SELECT company_id, count(*) AS n FROM %1$I WHERE id <= %4$s GROUP BY company_id)
        INSERT INTO %1$I (%2$s, %3$I) SELECT %6$s, (s.%3$I::bigint + %5$s * n.n)::text
          FROM %1$I s JOIN n USING (company_id) WHERE s.id <= %4$s ORDER BY s.id',
        t.tab, cols, t.num, maxid, k, (SELECT string_agg('s.' || c, ', ') FROM unnest(string_to_array(cols, ', ')) c));
    END LOOP;
  END LOOP;
END $$;
