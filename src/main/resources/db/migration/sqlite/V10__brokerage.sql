-- The brokerage: parties, products, orders and money (DOMAIN.md).
-- Every table carries company_id and every query filters on it. Exact decimals (money, weights,
-- prices) are stored as scaled integers (cents; price_per_unit in ten-thousandths; weights in
-- hundredths), so SQL sums stay exact on both datastores and nothing passes through floating point.
-- version counts changes (ETag / If-Match). Multi-choice fields hold a JSON array of choices.

CREATE TABLE suppliers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name                        TEXT NOT NULL,
    contact_person              TEXT,
    email                       TEXT,
    phone                       TEXT,
    street_address              TEXT,
    city                        TEXT,
    state                       TEXT,
    zip_code                    TEXT,
    country                     TEXT,
    plant_id                    INTEGER REFERENCES plants (id),
    proteins                    TEXT,
    edible_inedible             TEXT CHECK (edible_inedible IN ('Edible', 'Inedible', 'Edible & Inedible')),
    plant_type                  TEXT CHECK (plant_type IN ('Vertical', 'Processor', 'Distributor', 'Renderer')),
    certificate_type            TEXT CHECK (certificate_type IN ('3rd Party', 'BRC', 'FSSAI', 'SQF', 'IFS', 'ISO', 'HACCP', 'Halal', 'Kosher', 'Organic')),
    origin                      TEXT CHECK (origin IN ('Domestic', 'Imported')),
    country_origin              TEXT CHECK (country_origin IN ('USA', 'CAN', 'MEX', 'BRA', 'AUS', 'NZL')),
    shipping_offered            TEXT CHECK (shipping_offered IN ('Yes - Domestic', 'Yes - International', 'Yes - Exported', 'Yes - Domestic & Exported', 'No')),
    payment_terms               TEXT CHECK (payment_terms IN ('Wire', 'ACH', 'Check', 'Credit Card')),
    credit_limit                TEXT CHECK (credit_limit IN ('Wire 1 day prior', 'Net 7', 'Net 15', 'Net 30', 'Net 45', 'Net 60')),
    line_of_credit              TEXT CHECK (line_of_credit IN ('$0 - $50,000', '$50,000 - $100,000', '$100,000 - $250,000', '$250,000 - $500,000', '$500,000 - $1,000,000', '$1,000,000+')),
    fresh_or_frozen             TEXT CHECK (fresh_or_frozen IN ('Fresh', 'Frozen')),
    package_type                TEXT CHECK (package_type IN ('Boxed wax lined', 'Boxed CO2', 'Combo bins', 'Totes', 'Bags', 'Bulk', 'Poly-Multiple', 'Nude')),
    net_or_catch                TEXT CHECK (net_or_catch IN ('Net', 'Catch')),
    departments                 TEXT,
    tested_product              INTEGER NOT NULL,
    how_to_book_pickup          TEXT,
    offers_contracts            INTEGER NOT NULL,
    offers_export_documents     INTEGER NOT NULL,
    credit_app_sent             INTEGER NOT NULL,
    credit_app_set_up           INTEGER NOT NULL,
    status                      TEXT CHECK (status IN ('active', 'inactive', 'archived')),
    notes                       TEXT,
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name                        TEXT NOT NULL,
    contact_person              TEXT,
    email                       TEXT,
    phone                       TEXT,
    street_address              TEXT,
    city                        TEXT,
    state                       TEXT,
    zip_code                    TEXT,
    country                     TEXT,
    plant_id                    INTEGER REFERENCES plants (id),
    proteins                    TEXT,
    edible_inedible             TEXT CHECK (edible_inedible IN ('Edible', 'Inedible', 'Edible & Inedible')),
    plant_type                  TEXT CHECK (plant_type IN ('Vertical', 'Processor', 'Distributor', 'Renderer')),
    purchasing_preference       TEXT CHECK (purchasing_preference IN ('Domestic', 'Imported')),
    industries                  TEXT,
    will_pick_up_load           INTEGER NOT NULL,
    preferred_proteins          TEXT,
    payment_terms               TEXT CHECK (payment_terms IN ('Wire', 'ACH', 'Check', 'Credit Card')),
    credit_limit                TEXT CHECK (credit_limit IN ('Wire 1 day prior', 'Net 7', 'Net 15', 'Net 30', 'Net 45', 'Net 60')),
    line_of_credit              TEXT CHECK (line_of_credit IN ('$0 - $50,000', '$50,000 - $100,000', '$100,000 - $250,000', '$250,000 - $500,000', '$500,000 - $1,000,000', '$1,000,000+')),
    buyer_contact_name          TEXT,
    buyer_contact_title         TEXT,
    buyer_contact_phone         TEXT,
    buyer_contact_email         TEXT,
    certificate_type            TEXT CHECK (certificate_type IN ('3rd Party', 'BRC', 'FSSAI', 'SQF', 'IFS', 'ISO', 'HACCP', 'Halal', 'Kosher', 'Organic')),
    product_exportable          INTEGER NOT NULL,
    status                      TEXT CHECK (status IN ('active', 'inactive', 'archived')),
    notes                       TEXT,
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    first_name                  TEXT NOT NULL,
    last_name                   TEXT,
    email                       TEXT,
    phone                       TEXT,
    direct_phone                TEXT,
    cell_phone                  TEXT,
    company                     TEXT,
    position                    TEXT,
    title                       TEXT,
    contact_type                TEXT CHECK (contact_type IN ('Sales', 'Accounting', 'Logistics', 'Quality', 'Executive', 'BOL', 'COA', 'POD', 'Other')),
    status                      TEXT CHECK (status IN ('active', 'inactive', 'archived')),
    supplier_id                 INTEGER REFERENCES suppliers (id),
    customer_id                 INTEGER REFERENCES customers (id),
    carrier_id                  INTEGER REFERENCES carriers (id),
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE plants (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name                        TEXT NOT NULL,
    code                        TEXT NOT NULL,
    establishment_number        TEXT,
    plant_type                  TEXT CHECK (plant_type IN ('Vertical', 'Processor', 'Distributor', 'Renderer')),
    street_address              TEXT,
    city                        TEXT,
    state                       TEXT,
    zip_code                    TEXT,
    country                     TEXT,
    phone                       TEXT,
    email                       TEXT,
    manager                     TEXT,
    capacity                    TEXT,
    active                      INTEGER NOT NULL,
    supplier_id                 INTEGER REFERENCES suppliers (id),
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (company_id, code)
);

CREATE TABLE plant_certifications (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    plant_id INTEGER NOT NULL REFERENCES plants (id) ON DELETE CASCADE,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    certificate_type            TEXT NOT NULL,
    certificate_number          TEXT,
    issued_on                   TEXT,
    expires_on                  TEXT
);

CREATE TABLE carriers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name                        TEXT NOT NULL,
    code                        TEXT NOT NULL,
    carrier_type                TEXT CHECK (carrier_type IN ('truck', 'rail', 'air', 'sea', 'other')),
    mc_number                   TEXT,
    dot_number                  TEXT,
    insurance_provider          TEXT,
    insurance_policy_number     TEXT,
    insurance_expiry            TEXT,
    our_customer_number         TEXT,
    ap_contact_name             TEXT,
    ap_contact_email            TEXT,
    ap_contact_phone            TEXT,
    sales_contact_name          TEXT,
    sales_contact_email         TEXT,
    sales_contact_phone         TEXT,
    payment_terms               TEXT CHECK (payment_terms IN ('Wire', 'ACH', 'Check', 'Credit Card')),
    credit_limit                TEXT CHECK (credit_limit IN ('Wire 1 day prior', 'Net 7', 'Net 15', 'Net 30', 'Net 45', 'Net 60')),
    appointment_method          TEXT CHECK (appointment_method IN ('Email', 'Phone', 'Website', 'Fax', 'First Come First Serve')),
    notes                       TEXT,
    active                      INTEGER NOT NULL,
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (company_id, code)
);

CREATE TABLE locations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name                        TEXT NOT NULL,
    code                        TEXT,
    location_type               TEXT CHECK (location_type IN ('pick_up', 'delivery', 'both')),
    street_address              TEXT,
    city                        TEXT,
    state                       TEXT,
    zip_code                    TEXT,
    country                     TEXT,
    contact_name                TEXT,
    phone                       TEXT,
    email                       TEXT,
    supplier_id                 INTEGER REFERENCES suppliers (id),
    customer_id                 INTEGER REFERENCES customers (id),
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE products (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    product_code                TEXT NOT NULL,
    description                 TEXT NOT NULL,
    protein                     TEXT CHECK (protein IN ('Beef', 'Chicken', 'Pork', 'Lamb', 'Turkey', 'Fish', 'Horse', 'Other')),
    fresh_or_frozen             TEXT CHECK (fresh_or_frozen IN ('Fresh', 'Frozen')),
    package_type                TEXT CHECK (package_type IN ('Boxed wax lined', 'Boxed CO2', 'Combo bins', 'Totes', 'Bags', 'Bulk', 'Poly-Multiple', 'Nude')),
    net_or_catch                TEXT CHECK (net_or_catch IN ('Net', 'Catch')),
    edible_inedible             TEXT CHECK (edible_inedible IN ('Edible', 'Inedible', 'Edible & Inedible')),
    tested                      INTEGER NOT NULL,
    supplier_id                 INTEGER REFERENCES suppliers (id),
    supplier_item_number        TEXT,
    plants_available            TEXT,
    origin                      TEXT CHECK (origin IN ('Domestic', 'Imported')),
    carton_type                 TEXT,
    pieces_per_carton           INTEGER,
    unit_of_measure             TEXT CHECK (unit_of_measure IN ('LBS', 'KG')),
    namp_number                 TEXT,
    usda_code                   TEXT,
    unit_weight                 INTEGER,
    active                      INTEGER NOT NULL,
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (company_id, product_code)
);

CREATE TABLE purchase_orders (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    status                      TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'approved', 'shipped', 'delivered', 'cancelled')),
    order_number                TEXT,
    supplier_id                 INTEGER REFERENCES suppliers (id),
    plant_id                    INTEGER REFERENCES plants (id),
    pick_up_location_id         INTEGER REFERENCES locations (id),
    delivery_location_id        INTEGER REFERENCES locations (id),
    contact_id                  INTEGER REFERENCES contacts (id),
    carrier_id                  INTEGER REFERENCES carriers (id),
    carrier_release_format      TEXT CHECK (carrier_release_format IN ('Supplier Confirmation Order Number', 'Carrier Release Number', 'Both')),
    carrier_release_number      TEXT,
    appointment_method          TEXT CHECK (appointment_method IN ('Email', 'Phone', 'Website', 'Fax', 'First Come First Serve')),
    logistics_scenario          TEXT CHECK (logistics_scenario IN ('customer_pickup', 'supplier_delivery', 'we_pickup')),
    order_date                  TEXT,
    pick_up_date                TEXT,
    delivery_date               TEXT,
    supplier_confirmation_number TEXT,
    payment_terms               TEXT CHECK (payment_terms IN ('Wire', 'ACH', 'Check', 'Credit Card')),
    credit_limit                TEXT CHECK (credit_limit IN ('Wire 1 day prior', 'Net 7', 'Net 15', 'Net 30', 'Net 45', 'Net 60')),
    special_instructions        TEXT,
    notes                       TEXT,
    supplier_contact_name       TEXT,
    supplier_contact_email      TEXT,
    supplier_contact_phone      TEXT,
    total_amount                INTEGER NOT NULL DEFAULT 0,
    paid_amount                 INTEGER NOT NULL DEFAULT 0,
    outstanding_amount          INTEGER NOT NULL DEFAULT 0,
    payment_status              TEXT CHECK (payment_status IN ('unpaid', 'partial', 'paid')),
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (company_id, order_number)
);

CREATE TABLE purchase_order_lines (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    purchase_order_id INTEGER NOT NULL REFERENCES purchase_orders (id) ON DELETE CASCADE,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    product_id                  INTEGER REFERENCES products (id),
    description                 TEXT,
    protein                     TEXT,
    fresh_or_frozen             TEXT,
    package_type                TEXT,
    net_or_catch                TEXT,
    edible_inedible             TEXT,
    quantity                    INTEGER,
    weight                      INTEGER NOT NULL,
    weight_unit                 TEXT,
    price_per_unit              INTEGER NOT NULL,
    line_total                  INTEGER
);

CREATE TABLE sales_orders (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    status                      TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'in_transit', 'delivered', 'cancelled')),
    order_number                TEXT,
    customer_id                 INTEGER REFERENCES customers (id),
    purchase_order_id           INTEGER REFERENCES purchase_orders (id),
    load_status                 TEXT CHECK (load_status IN ('Matched', 'TBD - Not Matched')),
    carrier_id                  INTEGER REFERENCES carriers (id),
    plant_id                    INTEGER REFERENCES plants (id),
    pick_up_location_id         INTEGER REFERENCES locations (id),
    delivery_location_id        INTEGER REFERENCES locations (id),
    contact_id                  INTEGER REFERENCES contacts (id),
    order_date                  TEXT,
    pick_up_date                TEXT,
    delivery_date               TEXT,
    delivery_po_number          TEXT,
    carrier_release_format      TEXT CHECK (carrier_release_format IN ('Supplier Confirmation Order Number', 'Carrier Release Number', 'Both')),
    carrier_release_number      TEXT,
    appointment_method          TEXT CHECK (appointment_method IN ('Email', 'Phone', 'Website', 'Fax', 'First Come First Serve')),
    logistics_scenario          TEXT CHECK (logistics_scenario IN ('customer_pickup', 'supplier_delivery', 'we_pickup')),
    payment_terms               TEXT CHECK (payment_terms IN ('Wire', 'ACH', 'Check', 'Credit Card')),
    credit_limit                TEXT CHECK (credit_limit IN ('Wire 1 day prior', 'Net 7', 'Net 15', 'Net 30', 'Net 45', 'Net 60')),
    special_instructions        TEXT,
    notes                       TEXT,
    total_amount                INTEGER NOT NULL DEFAULT 0,
    paid_amount                 INTEGER NOT NULL DEFAULT 0,
    outstanding_amount          INTEGER NOT NULL DEFAULT 0,
    payment_status              TEXT CHECK (payment_status IN ('unpaid', 'partial', 'paid')),
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (company_id, order_number)
);

CREATE TABLE sales_order_lines (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    sales_order_id INTEGER NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    product_id                  INTEGER REFERENCES products (id),
    description                 TEXT,
    protein                     TEXT,
    fresh_or_frozen             TEXT,
    package_type                TEXT,
    net_or_catch                TEXT,
    edible_inedible             TEXT,
    quantity                    INTEGER,
    weight                      INTEGER NOT NULL,
    weight_unit                 TEXT,
    price_per_unit              INTEGER NOT NULL,
    line_total                  INTEGER
);

CREATE TABLE carrier_purchase_orders (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    carrier_po_number           TEXT,
    carrier_id                  INTEGER REFERENCES carriers (id),
    purchase_order_id           INTEGER REFERENCES purchase_orders (id),
    sales_order_id              INTEGER REFERENCES sales_orders (id),
    pick_up_location_id         INTEGER REFERENCES locations (id),
    delivery_location_id        INTEGER REFERENCES locations (id),
    pick_up_date                TEXT,
    delivery_date               TEXT,
    due_date                    TEXT,
    rate                        INTEGER NOT NULL,
    paid_on                     TEXT,
    notes                       TEXT,
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (company_id, carrier_po_number)
);

CREATE TABLE cold_storage_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    reference                   TEXT,
    supplier_po_id              INTEGER REFERENCES purchase_orders (id),
    customer_sales_order_id     INTEGER REFERENCES sales_orders (id),
    product_id                  INTEGER REFERENCES products (id),
    storage_facility            TEXT,
    load_status                 TEXT CHECK (load_status IN ('Matched', 'TBD - Not Matched')),
    production_date             TEXT,
    finished_weight             INTEGER,
    shrink                      INTEGER,
    boxing_cost                 INTEGER,
    cold_storage_cost           INTEGER,
    total_cost                  INTEGER DEFAULT 0,
    notes                       TEXT,
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE invoices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    status                      TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'paid', 'overdue', 'cancelled')),
    invoice_number              TEXT,
    customer_id                 INTEGER REFERENCES customers (id),
    sales_order_id              INTEGER REFERENCES sales_orders (id),
    invoice_date                TEXT,
    due_date                    TEXT,
    payment_terms               TEXT CHECK (payment_terms IN ('Wire', 'ACH', 'Check', 'Credit Card')),
    tax_amount                  INTEGER,
    subtotal                    INTEGER DEFAULT 0,
    notes                       TEXT,
    total_amount                INTEGER NOT NULL DEFAULT 0,
    paid_amount                 INTEGER NOT NULL DEFAULT 0,
    outstanding_amount          INTEGER NOT NULL DEFAULT 0,
    payment_status              TEXT CHECK (payment_status IN ('unpaid', 'partial', 'paid')),
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (company_id, invoice_number)
);

CREATE TABLE invoice_lines (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    product_id                  INTEGER REFERENCES products (id),
    description                 TEXT,
    protein                     TEXT,
    fresh_or_frozen             TEXT,
    package_type                TEXT,
    net_or_catch                TEXT,
    edible_inedible             TEXT,
    quantity                    INTEGER,
    weight                      INTEGER NOT NULL,
    weight_unit                 TEXT,
    price_per_unit              INTEGER NOT NULL,
    line_total                  INTEGER
);

CREATE TABLE payments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    purchase_order_id           INTEGER REFERENCES purchase_orders (id),
    sales_order_id              INTEGER REFERENCES sales_orders (id),
    invoice_id                  INTEGER REFERENCES invoices (id),
    amount                      INTEGER NOT NULL,
    payment_date                TEXT,
    method                      TEXT NOT NULL CHECK (method IN ('wire', 'ach', 'check', 'credit_card', 'cash', 'other')),
    reference_number            TEXT,
    notes                       TEXT,
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    status                      TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'settled', 'cancelled')),
    claim_number                TEXT,
    claim_type                  TEXT NOT NULL CHECK (claim_type IN ('payable', 'receivable')),
    supplier_id                 INTEGER REFERENCES suppliers (id),
    customer_id                 INTEGER REFERENCES customers (id),
    purchase_order_id           INTEGER REFERENCES purchase_orders (id),
    sales_order_id              INTEGER REFERENCES sales_orders (id),
    invoice_id                  INTEGER REFERENCES invoices (id),
    reason                      TEXT NOT NULL,
    claimed_amount              INTEGER NOT NULL,
    approved_amount             INTEGER,
    settled_amount              INTEGER,
    claim_date                  TEXT,
    resolved_date               TEXT,
    assignee                    TEXT,
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (company_id, claim_number)
);

CREATE TABLE activity_logs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    title                       TEXT NOT NULL,
    text                        TEXT,
    tags                        TEXT,
    pinned                      INTEGER NOT NULL,
    supplier_id                 INTEGER REFERENCES suppliers (id),
    customer_id                 INTEGER REFERENCES customers (id),
    carrier_id                  INTEGER REFERENCES carriers (id),
    purchase_order_id           INTEGER REFERENCES purchase_orders (id),
    sales_order_id              INTEGER REFERENCES sales_orders (id),
    contact_id                  INTEGER REFERENCES contacts (id),
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE scheduled_calls (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    title                       TEXT NOT NULL,
    scheduled_at                TEXT NOT NULL,
    duration_minutes            INTEGER,
    assignee                    TEXT,
    done                        INTEGER NOT NULL,
    notes                       TEXT,
    supplier_id                 INTEGER REFERENCES suppliers (id),
    customer_id                 INTEGER REFERENCES customers (id),
    carrier_id                  INTEGER REFERENCES carriers (id),
    purchase_order_id           INTEGER REFERENCES purchase_orders (id),
    sales_order_id              INTEGER REFERENCES sales_orders (id),
    contact_id                  INTEGER REFERENCES contacts (id),
    created_on  TEXT NOT NULL,
    modified_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1
);


CREATE INDEX suppliers_plant_id_idx ON suppliers (plant_id);
CREATE INDEX suppliers_company_created_idx ON suppliers (company_id, created_on);
CREATE INDEX customers_plant_id_idx ON customers (plant_id);
CREATE INDEX customers_company_created_idx ON customers (company_id, created_on);
CREATE INDEX contacts_supplier_id_idx ON contacts (supplier_id);
CREATE INDEX contacts_customer_id_idx ON contacts (customer_id);
CREATE INDEX contacts_carrier_id_idx ON contacts (carrier_id);
CREATE INDEX contacts_company_created_idx ON contacts (company_id, created_on);
CREATE INDEX plants_supplier_id_idx ON plants (supplier_id);
CREATE INDEX plants_company_created_idx ON plants (company_id, created_on);
CREATE INDEX plant_certifications_parent_idx ON plant_certifications (plant_id);
CREATE INDEX carriers_company_created_idx ON carriers (company_id, created_on);
CREATE INDEX locations_supplier_id_idx ON locations (supplier_id);
CREATE INDEX locations_customer_id_idx ON locations (customer_id);
CREATE INDEX locations_company_created_idx ON locations (company_id, created_on);
CREATE INDEX products_supplier_id_idx ON products (supplier_id);
CREATE INDEX products_company_created_idx ON products (company_id, created_on);
CREATE INDEX purchase_orders_supplier_id_idx ON purchase_orders (supplier_id);
CREATE INDEX purchase_orders_plant_id_idx ON purchase_orders (plant_id);
CREATE INDEX purchase_orders_pick_up_location_id_idx ON purchase_orders (pick_up_location_id);
CREATE INDEX purchase_orders_delivery_location_id_idx ON purchase_orders (delivery_location_id);
CREATE INDEX purchase_orders_contact_id_idx ON purchase_orders (contact_id);
CREATE INDEX purchase_orders_carrier_id_idx ON purchase_orders (carrier_id);
CREATE INDEX purchase_orders_company_created_idx ON purchase_orders (company_id, created_on);
CREATE INDEX purchase_orders_company_status_idx ON purchase_orders (company_id, status);
CREATE INDEX purchase_orders_company_order_date_idx ON purchase_orders (company_id, order_date);
CREATE INDEX purchase_order_lines_product_id_idx ON purchase_order_lines (product_id);
CREATE INDEX purchase_order_lines_parent_idx ON purchase_order_lines (purchase_order_id);
CREATE INDEX sales_orders_customer_id_idx ON sales_orders (customer_id);
CREATE INDEX sales_orders_purchase_order_id_idx ON sales_orders (purchase_order_id);
CREATE INDEX sales_orders_carrier_id_idx ON sales_orders (carrier_id);
CREATE INDEX sales_orders_plant_id_idx ON sales_orders (plant_id);
CREATE INDEX sales_orders_pick_up_location_id_idx ON sales_orders (pick_up_location_id);
CREATE INDEX sales_orders_delivery_location_id_idx ON sales_orders (delivery_location_id);
CREATE INDEX sales_orders_contact_id_idx ON sales_orders (contact_id);
CREATE INDEX sales_orders_company_created_idx ON sales_orders (company_id, created_on);
CREATE INDEX sales_orders_company_status_idx ON sales_orders (company_id, status);
CREATE INDEX sales_orders_company_order_date_idx ON sales_orders (company_id, order_date);
CREATE INDEX sales_order_lines_product_id_idx ON sales_order_lines (product_id);
CREATE INDEX sales_order_lines_parent_idx ON sales_order_lines (sales_order_id);
CREATE INDEX carrier_purchase_orders_carrier_id_idx ON carrier_purchase_orders (carrier_id);
CREATE INDEX carrier_purchase_orders_purchase_order_id_idx ON carrier_purchase_orders (purchase_order_id);
CREATE INDEX carrier_purchase_orders_sales_order_id_idx ON carrier_purchase_orders (sales_order_id);
CREATE INDEX carrier_purchase_orders_pick_up_location_id_idx ON carrier_purchase_orders (pick_up_location_id);
CREATE INDEX carrier_purchase_orders_delivery_location_id_idx ON carrier_purchase_orders (delivery_location_id);
CREATE INDEX carrier_purchase_orders_company_created_idx ON carrier_purchase_orders (company_id, created_on);
CREATE INDEX cold_storage_entries_supplier_po_id_idx ON cold_storage_entries (supplier_po_id);
CREATE INDEX cold_storage_entries_customer_sales_order_id_idx ON cold_storage_entries (customer_sales_order_id);
CREATE INDEX cold_storage_entries_product_id_idx ON cold_storage_entries (product_id);
CREATE INDEX cold_storage_entries_company_created_idx ON cold_storage_entries (company_id, created_on);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
CREATE INDEX invoices_sales_order_id_idx ON invoices (sales_order_id);
CREATE INDEX invoices_company_created_idx ON invoices (company_id, created_on);
CREATE INDEX invoices_company_status_idx ON invoices (company_id, status);
CREATE INDEX invoice_lines_product_id_idx ON invoice_lines (product_id);
CREATE INDEX invoice_lines_parent_idx ON invoice_lines (invoice_id);
CREATE INDEX payments_purchase_order_id_idx ON payments (purchase_order_id);
CREATE INDEX payments_sales_order_id_idx ON payments (sales_order_id);
CREATE INDEX payments_invoice_id_idx ON payments (invoice_id);
CREATE INDEX payments_company_created_idx ON payments (company_id, created_on);
CREATE INDEX claims_supplier_id_idx ON claims (supplier_id);
CREATE INDEX claims_customer_id_idx ON claims (customer_id);
CREATE INDEX claims_purchase_order_id_idx ON claims (purchase_order_id);
CREATE INDEX claims_sales_order_id_idx ON claims (sales_order_id);
CREATE INDEX claims_invoice_id_idx ON claims (invoice_id);
CREATE INDEX claims_company_created_idx ON claims (company_id, created_on);
CREATE INDEX claims_company_status_idx ON claims (company_id, status);
CREATE INDEX activity_logs_supplier_id_idx ON activity_logs (supplier_id);
CREATE INDEX activity_logs_customer_id_idx ON activity_logs (customer_id);
CREATE INDEX activity_logs_carrier_id_idx ON activity_logs (carrier_id);
CREATE INDEX activity_logs_purchase_order_id_idx ON activity_logs (purchase_order_id);
CREATE INDEX activity_logs_sales_order_id_idx ON activity_logs (sales_order_id);
CREATE INDEX activity_logs_contact_id_idx ON activity_logs (contact_id);
CREATE INDEX activity_logs_company_created_idx ON activity_logs (company_id, created_on);
CREATE INDEX scheduled_calls_supplier_id_idx ON scheduled_calls (supplier_id);
CREATE INDEX scheduled_calls_customer_id_idx ON scheduled_calls (customer_id);
CREATE INDEX scheduled_calls_carrier_id_idx ON scheduled_calls (carrier_id);
CREATE INDEX scheduled_calls_purchase_order_id_idx ON scheduled_calls (purchase_order_id);
CREATE INDEX scheduled_calls_sales_order_id_idx ON scheduled_calls (sales_order_id);
CREATE INDEX scheduled_calls_contact_id_idx ON scheduled_calls (contact_id);
CREATE INDEX scheduled_calls_company_created_idx ON scheduled_calls (company_id, created_on);

-- What changed on an order, by whom and when (GET …/{id}/history).
CREATE TABLE record_history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id INTEGER      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    resource   TEXT        NOT NULL,
    record_id  INTEGER      NOT NULL,
    user_id    INTEGER      REFERENCES users (id) ON DELETE SET NULL,
    action     TEXT        NOT NULL,
    changes    TEXT        NOT NULL,
    at         TEXT        NOT NULL
);
CREATE INDEX record_history_record_idx ON record_history (company_id, resource, record_id, at);

-- A retried POST with the same Idempotency-Key returns the record the first one created.
CREATE TABLE idempotency_keys (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id   INTEGER      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id      INTEGER      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idem_key     TEXT        NOT NULL,
    resource     TEXT        NOT NULL,
    record_id    INTEGER      NOT NULL,
    request_hash TEXT        NOT NULL,
    created_on   TEXT        NOT NULL,
    UNIQUE (company_id, user_id, idem_key)
);

-- The last order, sales order, invoice, claim… number given out, per company.
CREATE TABLE counters (
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name       TEXT   NOT NULL,
    value      INTEGER NOT NULL,
    PRIMARY KEY (company_id, name)
);

CREATE INDEX purchase_orders_company_supplier_status_date_idx ON purchase_orders (company_id, supplier_id, status, order_date DESC, id DESC);
