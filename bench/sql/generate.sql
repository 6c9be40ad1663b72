-- Benchmark data for one database, on the schema the product's own migrations made.
-- psql -v orders=N: company 1 (the measured one) gets N purchase orders; companies 2..10 get
-- N/10 each, interleaved with company 1's in the table the way tenants' rows mix in production
-- (19 rows in every 19: 10 of company 1, one of each other company). Each order has 1-3 lines
-- whose totals the order's money columns agree with. Indexes of the two big tables are dropped
-- before the load and rebuilt after it (from their own definitions, so indexes added by later
-- migrations are rebuilt too); foreign keys are not re-checked row by row (the data is made
-- consistent). Everything is deterministic except status, dates and a few texts.
\set ON_ERROR_STOP on
SET maintenance_work_mem = '512MB';
SET session_replication_role = replica;

-- ---- companies, their owners, memberships ---------------------------------------------------
INSERT INTO companies (id, name, slug, active, created_on, modified_on)
SELECT c, CASE WHEN c = 1 THEN 'Bench Target Brokerage' ELSE 'Bench Other ' || c END,
       CASE WHEN c = 1 THEN 'bench-target' ELSE 'bench-other-' || c END, true, now(), now()
  FROM generate_series(1, 10) c;
INSERT INTO users (id, email, name, password_hash, active, default_company_id, created_on, modified_on)
SELECT c, 'owner' || c || '@bench.example', 'Owner ' || c, '!unusable', true, c, now(), now()
  FROM generate_series(1, 10) c;
INSERT INTO memberships (user_id, company_id, role, created_on)
SELECT c, c, 'owner', now() FROM generate_series(1, 10) c;

-- ---- each company's parties and products ----------------------------------------------------
INSERT INTO suppliers (id, company_id, name, contact_person, email, phone, city, state, country, tested_product,
                       offers_contracts, offers_export_documents, credit_app_sent, credit_app_set_up, status,
                       payment_terms, credit_limit, created_on, modified_on)
SELECT (c - 1) * 50 + j, c, 'Supplier ' || c || '-' || j || ' Packing', 'Pat Seller ' || j, 'sales' || j || '@supplier.example',
       '+1 806 555 ' || lpad(j::text, 4, '0'), 'Amarillo', 'TX', 'USA', false, false, false, true, true, 'active',
       'Wire', 'Net 30', now(), now()
  FROM generate_series(1, 10) c, generate_series(1, 50) j;
INSERT INTO plants (id, company_id, name, code, establishment_number, active, supplier_id, created_on, modified_on)
SELECT (c - 1) * 20 + j, c, 'Plant ' || c || '-' || j, 'P' || j, 'EST ' || (100 + j), true, (c - 1) * 50 + j, now(), now()
  FROM generate_series(1, 10) c, generate_series(1, 20) j;
INSERT INTO locations (id, company_id, name, code, location_type, city, state, created_on, modified_on)
SELECT (c - 1) * 40 + j, c, 'Dock ' || c || '-' || j, 'L' || j, 'both', 'Dallas', 'TX', now(), now()
  FROM generate_series(1, 10) c, generate_series(1, 40) j;
INSERT INTO contacts (id, company_id, first_name, last_name, email, contact_type, status, supplier_id, created_on, modified_on)
SELECT (c - 1) * 50 + j, c, 'Sam', 'Logistics ' || j, 'logistics' || j || '@supplier.example', 'Logistics', 'active',
       (c - 1) * 50 + j, now(), now()
  FROM generate_series(1, 10) c, generate_series(1, 50) j;
INSERT INTO carriers (id, company_id, name, code, carrier_type, active, created_on, modified_on)
SELECT (c - 1) * 20 + j, c, 'Carrier ' || c || '-' || j || ' Freight', 'C' || j, 'truck', true, now(), now()
  FROM generate_series(1, 10) c, generate_series(1, 20) j;
INSERT INTO products (id, company_id, product_code, description, protein, fresh_or_frozen, package_type, net_or_catch,
                      edible_inedible, tested, supplier_id, unit_of_measure, active, created_on, modified_on)
SELECT (c - 1) * 100 + j, c, 'SKU-' || lpad(j::text, 4, '0'), (ARRAY['Beef chuck roll, choice', 'Pork belly, skin-on',
       'Chicken leg quarters', 'Beef 90/10 trim', 'Lamb racks, frenched'])[1 + j % 5],
       (ARRAY['Beef', 'Pork', 'Chicken', 'Beef', 'Lamb'])[1 + j % 5], 'Frozen', 'Boxed wax lined', 'Catch', 'Edible',
       false, (c - 1) * 50 + 1 + j % 50, 'LBS', true, now(), now()
  FROM generate_series(1, 10) c, generate_series(1, 100) j;

-- ---- purchase orders and their lines (indexes rebuilt afterwards) ---------------------------
CREATE TEMP TABLE saved_indexes AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
 WHERE t.relname IN ('purchase_orders', 'purchase_order_lines')
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT name FROM saved_indexes LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
END $$;

-- A line's weight (hundredths of a pound) and price (ten-thousandths of a dollar) follow from the
-- order id and the line's position, so the order's total can be computed in the same statement.
CREATE FUNCTION pg_temp.weight(id bigint, k int) RETURNS bigint IMMUTABLE LANGUAGE sql
  AS $$ SELECT 1000000 + (id * 7919 + k * 104729) % 3000000 $$;
CREATE FUNCTION pg_temp.price(id bigint, k int) RETURNS bigint IMMUTABLE LANGUAGE sql
  AS $$ SELECT 15000 + (id * 31 + k * 17) % 30000 $$;
CREATE FUNCTION pg_temp.line_total(id bigint, k int) RETURNS bigint IMMUTABLE LANGUAGE sql
  AS $$ SELECT (pg_temp.weight(id, k) * pg_temp.price(id, k) + 5000) / 10000 $$;

INSERT INTO purchase_orders (id, company_id, status, order_number, supplier_id, plant_id, pick_up_location_id,
                             delivery_location_id, contact_id, carrier_id, carrier_release_format, carrier_release_number,
                             appointment_method, logistics_scenario, order_date, pick_up_date, delivery_date,
                             supplier_confirmation_number, payment_terms, credit_limit, notes, supplier_contact_name,
                             supplier_contact_email, supplier_contact_phone, total_amount, paid_amount,
                             outstanding_amount, payment_status, created_on, modified_on, created_by, version)
SELECT g + 1, o.c,
       (ARRAY['draft', 'pending', 'pending', 'approved', 'approved', 'shipped', 'shipped', 'delivered', 'delivered',
              'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered',
              'delivered', 'cancelled', 'draft'])[1 + floor(random() * 20)::int],
       (10001 + o.local)::text,
       (o.c - 1) * 50 + 1 + (g * 7) % 50, (o.c - 1) * 20 + 1 + g % 20, (o.c - 1) * 40 + 1 + g % 40,
       (o.c - 1) * 40 + 1 + (g + 7) % 40, (o.c - 1) * 50 + 1 + (g * 7) % 50,
       CASE WHEN g % 4 = 0 THEN NULL ELSE (o.c - 1) * 20 + 1 + g % 20 END,
       'Carrier Release Number', 'CR-' || (100000 + (g * 104729) % 900000), 'Email', 'supplier_delivery',
       o.day, o.day + 3, o.day + 5,
       'SC' || lpad(((g * 7919) % 1000000)::text, 6, '0'), 'Wire', 'Net 30',
       CASE WHEN g % 3 = 0 THEN 'Keep at 0°F; call the dock an hour before arrival. Load ' || g END,
       'Pat Seller', 'sales@supplier.example', '+1 806 555 0100',
       o.total, 0, o.total, 'unpaid', o.day + time '09:30', o.day + time '09:30', o.c, 1
  FROM generate_series(0::bigint, (:orders / 10) * 19 - 1) g
  CROSS JOIN LATERAL (
    SELECT CASE WHEN g % 19 < 10 THEN 1 ELSE g % 19 - 8 END AS c,
           CASE WHEN g % 19 < 10 THEN (g / 19) * 10 + g % 19 ELSE g / 19 END AS local,
           date '2020-01-01' + (g * 2190 / ((:orders / 10) * 19))::int + floor(random() * 10)::int AS day,
           (SELECT sum(pg_temp.line_total(g + 1, k)) FROM generate_series(0, ((g + 1) % 3)::int) k) AS total
  ) o;

INSERT INTO purchase_order_lines (purchase_order_id, company_id, position, product_id, description, protein,
                                  fresh_or_frozen, package_type, net_or_catch, edible_inedible, quantity, weight,
                                  weight_unit, price_per_unit, line_total)
SELECT p.id, p.company_id, k, (p.company_id - 1) * 100 + 1 + (p.id * 7 + k) % 100,
       (ARRAY['Beef chuck roll, choice', 'Pork belly, skin-on', 'Chicken leg quarters'])[1 + k], (ARRAY['Beef', 'Pork', 'Chicken'])[1 + k],
       'Frozen', 'Boxed wax lined', 'Catch', 'Edible', 800 + k * 100, pg_temp.weight(p.id, k), 'LBS',
       pg_temp.price(p.id, k), pg_temp.line_total(p.id, k)
  FROM purchase_orders p CROSS JOIN LATERAL generate_series(0, (p.id % 3)::int) k;

-- The next generated number continues after the loaded ones, as if they had been created through the API.
INSERT INTO counters (company_id, name, value)
SELECT company_id, 'purchase-orders', max(order_number::bigint) FROM purchase_orders GROUP BY company_id;

DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT def FROM saved_indexes LOOP EXECUTE r.def; END LOOP;
END $$;

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['companies', 'users', 'memberships', 'suppliers', 'plants', 'locations', 'contacts', 'carriers',
                           'products', 'purchase_orders', 'purchase_order_lines'] LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), (SELECT max(id) FROM %I))', t, t);
  END LOOP;
END $$;
SET session_replication_role = origin;
