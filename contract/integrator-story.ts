// The README's integrator story ("For integrators: tokens and a curl session"), run by a client
// generated from the document the packaged jar serves: openapi-typescript writes generated/api.d.ts
// from /api/openapi.yaml, openapi-fetch makes the calls, and the TypeScript compiler (strict) checks
// every path, parameter, body and field used here against it. A route, field or type the document
// does not have fails the compile; an answer that disagrees with what is asserted fails the run.
//
// run.mjs starts the jar on a fresh SQLite database, makes the owner with the jar's create-user
// command, generates the types, compiles this file and runs it with:
//   PM_BASE_URL   the service, e.g. http://127.0.0.1:8000
//   PM_EMAIL, PM_PASSWORD   the owner create-user made
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api.js";

type PurchaseOrder = components["schemas"]["PurchaseOrder"];

const base = need("PM_BASE_URL");
const email = need("PM_EMAIL");
const password = need("PM_PASSWORD");
const api = `${base}/api/v1`;

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function expect<T>(what: string, actual: T, expected: T): void {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  console.log(`  ok  ${what} = ${JSON.stringify(actual)}`);
}

/** The answer's body, or a failure naming the call, its status and the problem the API sent. */
function body<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

// 1. Sign in, as a browser does, and keep the session cookie.
const anonymous = createClient<paths>({ baseUrl: api });
const login = await anonymous.POST("/auth/login", { body: { email, password } });
const signedIn = body("POST /auth/login", login);
expect("signed in as", signedIn.user.email, email);
const cookie = login.response.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .find((c) => c?.startsWith("pm_session="));
if (!cookie) throw new Error("POST /auth/login set no pm_session cookie");

// 2. Make an API token with the session. Cookie requests that change data must say X-Requested-With.
const created = body(
  "POST /auth/tokens",
  await anonymous.POST("/auth/tokens", {
    body: { name: "ERP sync" },
    headers: { Cookie: cookie, "X-Requested-With": "integrator-story" },
  }),
);
expect("token prefix", created.token.startsWith("pmt_"), true);

// From here on the integrator holds only the token: no cookie, no CSRF header, no X-Tenant-ID.
const client = createClient<paths>({
  baseUrl: api,
  headers: { Authorization: `Bearer ${created.token}` },
});
const me = body("GET /auth/me", await client.GET("/auth/me"));
expect("the token acts as", me.user.email, email);

// 3. A supplier.
const supplier = body(
  "POST /suppliers",
  await client.POST("/suppliers", {
    body: { name: "Cactus Packing", state: "TX", payment_terms: "Wire", credit_limit: "Net 30" },
  }),
);
expect("supplier name", supplier.name, "Cactus Packing");

// 4. A purchase order with two lines; totals are computed: 32000.00 × 2.4500 + 18000.00 × 3.1000.
const order: PurchaseOrder = body(
  "POST /purchase-orders",
  await client.POST("/purchase-orders", {
    headers: { "Idempotency-Key": `integrator-story-po-${Date.now()}` },
    body: {
      supplier: supplier.id,
      order_date: "2026-11-20",
      pick_up_date: "2026-11-24",
      delivery_date: "2026-11-26",
      logistics_scenario: "supplier_delivery",
      payment_terms: "Wire",
      credit_limit: "Net 30",
      lines: [
        {
          description: "Beef chuck roll, choice",
          protein: "Beef",
          fresh_or_frozen: "Frozen",
          quantity: 800,
          weight: "32000.00",
          weight_unit: "LBS",
          price_per_unit: "2.4500",
        },
        {
          description: "Beef brisket, select",
          protein: "Beef",
          fresh_or_frozen: "Frozen",
          quantity: 450,
          weight: "18000.00",
          weight_unit: "LBS",
          price_per_unit: "3.1000",
        },
      ],
    },
  }),
);
expect("new order status", order.status, "draft");
expect("order lines", order.lines?.length, 2);
expect("order total", order.total_amount, "134200.00");
// The compiler holds the client to the document: a field it does not list is an error.
// @ts-expect-error PurchaseOrder has no "grand_total"
void order.grand_total;

// 5. Submit it, then approve it (the token's owner is above manager).
const id = { path: { id: order.id } };
expect("after submit", body("submit", await client.POST("/purchase-orders/{id}/submit", { params: id })).status, "pending");
expect("after approve", body("approve", await client.POST("/purchase-orders/{id}/approve", { params: id })).status, "approved");

// 6. A payment against it: the order's outstanding amount and payment status follow.
const payment = body(
  "POST /payments",
  await client.POST("/payments", {
    body: { purchase_order: order.id, amount: "20000.00", method: "wire", payment_date: "2026-11-27" },
  }),
);
expect("payment amount", payment.amount, "20000.00");
const paid = body("GET /purchase-orders/{id}", await client.GET("/purchase-orders/{id}", { params: id }));
expect("order outstanding", paid.outstanding_amount, "114200.00");
expect("order payment status", paid.payment_status, "partial");

// 7. The list, filtered: approved orders of this supplier, newest first, 50 a page.
const page = body(
  "GET /purchase-orders",
  await client.GET("/purchase-orders", {
    params: {
      query: { status: "approved", supplier: supplier.id, ordering: "-order_date", page_size: 50, page: 1 },
    },
  }),
);
expect("approved orders of the supplier", page.count, 1);
expect("the one listed", page.results[0]?.order_number, order.order_number);
expect("no next page", page.next, null);
const drafts = body(
  "GET /purchase-orders?status=draft",
  await client.GET("/purchase-orders", { params: { query: { status: "draft" } } }),
);
expect("draft orders", drafts.count, 0);

// 8. Receivables: a customer, an invoice sent to them and partly paid, aged as of a day.
const customer = body(
  "POST /customers",
  await client.POST("/customers", { body: { name: "Heartland Foods", state: "IA" } }),
);
const invoice = body(
  "POST /invoices",
  await client.POST("/invoices", {
    body: {
      customer: customer.id,
      invoice_date: "2026-11-27",
      due_date: "2026-12-20",
      payment_terms: "Wire",
      lines: [{ description: "Beef brisket, select", weight: "18000.00", price_per_unit: "3.4500" }],
    },
  }),
);
expect("invoice total", invoice.total_amount, "62100.00");
const invoiceId = { path: { id: invoice.id } };
expect("after send", body("send", await client.POST("/invoices/{id}/send", { params: invoiceId })).status, "sent");
body(
  "POST /payments (invoice)",
  await client.POST("/payments", { body: { invoice: invoice.id, amount: "12100.00", method: "ach" } }),
);
const aging = body(
  "GET /reports/receivables-aging",
  await client.GET("/reports/receivables-aging", { params: { query: { as_of: "2027-01-04" } } }),
);
expect("aging as of", aging.as_of, "2027-01-04");
const owed = aging.parties.find((p) => p.id === customer.id);
if (!owed) throw new Error(`the receivables aging lists no ${customer.name}: ${JSON.stringify(aging)}`);
expect(`${customer.name} current`, owed.current, "0.00");
expect(`${customer.name} 1-30 days past due`, owed["1-30"], "50000.00");
expect(`${customer.name} total`, owed.total, "50000.00");
expect("receivables total", aging.totals.total, "50000.00");

console.log("integrator story: every step answered as the document says");
