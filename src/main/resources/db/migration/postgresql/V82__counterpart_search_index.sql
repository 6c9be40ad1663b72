-- Search (q) by a counterpart's name (issue 20: "Cactus" finds Cactus Packing's orders) reads the
-- matches of the name as their own branch of a UNION (ListReader): the orders whose supplier,
-- customer or carrier is one of the few the name matches. Those are many (on seed-demo data a
-- supplier has a twentieth of the company's orders: 475 at 10k, ~4,750 at 100k), and the search
-- needs of each only what it counts and sorts by: its id, its number (exact and prefix matches
-- first) and the list's default ordering. These indexes hold exactly that after the company and
-- the reference, so the branch is an index-only scan instead of a visit to every matching row in
-- the table (at 10k: 475 rows from 328 heap blocks before, from the index alone after).
CREATE INDEX purchase_orders_company_supplier_search_idx ON purchase_orders (company_id, supplier_id) INCLUDE (order_date, order_number, id);
CREATE INDEX sales_orders_company_customer_search_idx ON sales_orders (company_id, customer_id) INCLUDE (order_date, order_number, id);
CREATE INDEX invoices_company_customer_search_idx ON invoices (company_id, customer_id) INCLUDE (invoice_date, invoice_number, id);
CREATE INDEX carrier_purchase_orders_company_carrier_search_idx ON carrier_purchase_orders (company_id, carrier_id) INCLUDE (pick_up_date, carrier_po_number, id);
