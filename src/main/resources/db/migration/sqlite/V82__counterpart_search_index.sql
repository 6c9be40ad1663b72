-- Search (q) by a counterpart's name: the orders of the few suppliers, customers or carriers the
-- name matches, read as their own branch of a UNION (ListReader), from an index that also holds
-- what the search counts and sorts by (the id is the rowid), as on PostgreSQL (V82 there).
CREATE INDEX purchase_orders_company_supplier_search_idx ON purchase_orders (company_id, supplier_id, order_date, order_number);
CREATE INDEX sales_orders_company_customer_search_idx ON sales_orders (company_id, customer_id, order_date, order_number);
CREATE INDEX invoices_company_customer_search_idx ON invoices (company_id, customer_id, invoice_date, invoice_number);
CREATE INDEX carrier_purchase_orders_company_carrier_search_idx ON carrier_purchase_orders (company_id, carrier_id, pick_up_date, carrier_po_number);
