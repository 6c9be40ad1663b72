-- Search (q) on the tables that hold one company's many numbered records: the trigram index on the
-- search expression alone, without company_id in front (V50 put it there).
-- On seed-demo data (one company holding its 10,000 purchase orders) the planner never used the
-- (company_id, expression) index: company_id = $1 matches every entry of the index, so the GIN scan
-- was costed as reading all of them, and it filtered all 10,000 rows instead (31 ms for q=1234 under
-- load). The expression alone is costed by its trigrams, which few rows share: the same search reads
-- 11 rows through the index (0.1 ms), and the heap recheck drops other companies' rows. An order's
-- counterpart (q matching the supplier's or customer's name) is an = ANY(ARRAY(...)) on the
-- reference's own btree index, which the planner ORs with this one in one bitmap.
-- The expression is exactly what Dialect.searchText builds (SearchIndexTest checks it is used).
DROP INDEX purchase_orders_search_trgm;
DROP INDEX sales_orders_search_trgm;
DROP INDEX carrier_purchase_orders_search_trgm;
DROP INDEX invoices_search_trgm;
DROP INDEX claims_search_trgm;

CREATE INDEX purchase_orders_search_trgm ON purchase_orders USING gin ((lower(coalesce(order_number, '')) || E'\x1f' || lower(coalesce(carrier_release_number, '')) || E'\x1f' || lower(coalesce(supplier_confirmation_number, ''))) gin_trgm_ops);
CREATE INDEX sales_orders_search_trgm ON sales_orders USING gin ((lower(coalesce(order_number, '')) || E'\x1f' || lower(coalesce(delivery_po_number, ''))) gin_trgm_ops);
CREATE INDEX carrier_purchase_orders_search_trgm ON carrier_purchase_orders USING gin ((lower(coalesce(carrier_po_number, ''))) gin_trgm_ops);
CREATE INDEX invoices_search_trgm ON invoices USING gin ((lower(coalesce(invoice_number, ''))) gin_trgm_ops);
CREATE INDEX claims_search_trgm ON claims USING gin ((lower(coalesce(claim_number, '')) || E'\x1f' || lower(coalesce(reason, ''))) gin_trgm_ops);
