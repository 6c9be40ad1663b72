-- Search (q) through one trigram index per table, led by the company (issue 8, scenario 2).
-- A search matches a record when any of its resource's search fields contains the term, ignoring
-- case. It was one ILIKE per column OR-ed, each answered by that column's own index over all
-- companies, so every other company's candidates were fetched from the heap and thrown away (and
-- a generic plan AND-ed in a btree bitmap of all the company's row ids as well).
-- Now the engine (Dialect.searchText) matches one expression: the lower-cased search columns, NULL
-- as '', joined by the unit separator U+001F, which a term cannot match across (a term that holds
-- it is matched column by column instead); and the index holds company_id first (btree_gin), so one
-- index scan yields only the company's candidates. The expression must be exactly what
-- Dialect.searchText builds from the resource's search fields in declaration order:
-- SearchIndexTest checks that each resource's search uses its index. The per-column trigram
-- indexes served only search.
CREATE EXTENSION IF NOT EXISTS btree_gin;

DROP INDEX suppliers_name_trgm;
DROP INDEX customers_name_trgm;
DROP INDEX products_description_trgm;
DROP INDEX products_code_trgm;
DROP INDEX purchase_orders_number_trgm;
DROP INDEX purchase_orders_release_trgm;
DROP INDEX purchase_orders_confirmation_trgm;
DROP INDEX sales_orders_number_trgm;
DROP INDEX sales_orders_delivery_po_trgm;

CREATE INDEX suppliers_search_trgm ON suppliers USING gin (company_id, (lower(coalesce(name, '')) || E'\x1f' || lower(coalesce(contact_person, '')) || E'\x1f' || lower(coalesce(email, '')) || E'\x1f' || lower(coalesce(city, ''))) gin_trgm_ops);
CREATE INDEX customers_search_trgm ON customers USING gin (company_id, (lower(coalesce(name, '')) || E'\x1f' || lower(coalesce(contact_person, '')) || E'\x1f' || lower(coalesce(email, '')) || E'\x1f' || lower(coalesce(city, ''))) gin_trgm_ops);
CREATE INDEX contacts_search_trgm ON contacts USING gin (company_id, (lower(coalesce(first_name, '')) || E'\x1f' || lower(coalesce(last_name, '')) || E'\x1f' || lower(coalesce(email, '')) || E'\x1f' || lower(coalesce(company, ''))) gin_trgm_ops);
CREATE INDEX plants_search_trgm ON plants USING gin (company_id, (lower(coalesce(name, '')) || E'\x1f' || lower(coalesce(code, '')) || E'\x1f' || lower(coalesce(establishment_number, '')) || E'\x1f' || lower(coalesce(city, ''))) gin_trgm_ops);
CREATE INDEX carriers_search_trgm ON carriers USING gin (company_id, (lower(coalesce(name, '')) || E'\x1f' || lower(coalesce(code, '')) || E'\x1f' || lower(coalesce(mc_number, '')) || E'\x1f' || lower(coalesce(dot_number, ''))) gin_trgm_ops);
CREATE INDEX locations_search_trgm ON locations USING gin (company_id, (lower(coalesce(name, '')) || E'\x1f' || lower(coalesce(code, '')) || E'\x1f' || lower(coalesce(city, ''))) gin_trgm_ops);
CREATE INDEX products_search_trgm ON products USING gin (company_id, (lower(coalesce(product_code, '')) || E'\x1f' || lower(coalesce(description, '')) || E'\x1f' || lower(coalesce(namp_number, ''))) gin_trgm_ops);
CREATE INDEX purchase_orders_search_trgm ON purchase_orders USING gin (company_id, (lower(coalesce(order_number, '')) || E'\x1f' || lower(coalesce(carrier_release_number, '')) || E'\x1f' || lower(coalesce(supplier_confirmation_number, ''))) gin_trgm_ops);
CREATE INDEX sales_orders_search_trgm ON sales_orders USING gin (company_id, (lower(coalesce(order_number, '')) || E'\x1f' || lower(coalesce(delivery_po_number, ''))) gin_trgm_ops);
CREATE INDEX carrier_purchase_orders_search_trgm ON carrier_purchase_orders USING gin (company_id, (lower(coalesce(carrier_po_number, ''))) gin_trgm_ops);
CREATE INDEX cold_storage_entries_search_trgm ON cold_storage_entries USING gin (company_id, (lower(coalesce(reference, '')) || E'\x1f' || lower(coalesce(storage_facility, ''))) gin_trgm_ops);
CREATE INDEX invoices_search_trgm ON invoices USING gin (company_id, (lower(coalesce(invoice_number, ''))) gin_trgm_ops);
CREATE INDEX payments_search_trgm ON payments USING gin (company_id, (lower(coalesce(reference_number, ''))) gin_trgm_ops);
CREATE INDEX claims_search_trgm ON claims USING gin (company_id, (lower(coalesce(claim_number, '')) || E'\x1f' || lower(coalesce(reason, ''))) gin_trgm_ops);
CREATE INDEX activity_logs_search_trgm ON activity_logs USING gin (company_id, (lower(coalesce(title, '')) || E'\x1f' || lower(coalesce(text, '')) || E'\x1f' || lower(coalesce(tags, ''))) gin_trgm_ops);
CREATE INDEX scheduled_calls_search_trgm ON scheduled_calls USING gin (company_id, (lower(coalesce(title, ''))) gin_trgm_ops);
