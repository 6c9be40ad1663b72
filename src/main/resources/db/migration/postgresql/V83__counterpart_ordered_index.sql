-- Search (q) by a counterpart's name reads, for the page, each matched supplier's (customer's,
-- carrier's) first orders in the list's default order, as many as the page reaches
-- (core/crud/SearchSplit), and counts them apart. These indexes hold a reference's rows in that
-- order (the date descending, then the id), so the page reads 25 entries instead of sorting the
-- thousands a supplier has at 100k; the count reads them index-only. They hold what V82's held
-- (the number is INCLUDEd for the rank), so V82's are dropped: one index per reference to write.
CREATE INDEX purchase_orders_company_supplier_ordered_idx ON purchase_orders (company_id, supplier_id, order_date DESC, id DESC) INCLUDE (order_number);
CREATE INDEX sales_orders_company_customer_ordered_idx ON sales_orders (company_id, customer_id, order_date DESC, id DESC) INCLUDE (order_number);
CREATE INDEX invoices_company_customer_ordered_idx ON invoices (company_id, customer_id, invoice_date DESC, id DESC) INCLUDE (invoice_number);
CREATE INDEX carrier_purchase_orders_company_carrier_ordered_idx ON carrier_purchase_orders (company_id, carrier_id, pick_up_date DESC, id DESC) INCLUDE (carrier_po_number);
DROP INDEX purchase_orders_company_supplier_search_idx;
DROP INDEX sales_orders_company_customer_search_idx;
DROP INDEX invoices_company_customer_search_idx;
DROP INDEX carrier_purchase_orders_company_carrier_search_idx;
