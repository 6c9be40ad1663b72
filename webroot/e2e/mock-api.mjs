// An in-memory stand-in for the ProjectMeats API contract (the brief's shapes), serving the built
// app with the real CSP. For UI development while the backend is built, and for `run.mjs --mock`.
// It is NOT the product: the e2e suite's real target is the jar.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(here, "../dist");
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const PROTEIN = ["Beef", "Chicken", "Pork", "Lamb", "Turkey", "Fish", "Horse", "Other"];
const ORDER_LINES = {
  name: "lines",
  label: "Lines",
  fields: [
    { name: "product", label: "Product", type: "reference", reference: "products" },
    { name: "description", label: "Description", type: "text", required: true, max_length: 200 },
    { name: "protein", label: "Protein", type: "choice", choices: PROTEIN },
    { name: "quantity", label: "Quantity", type: "integer" },
    { name: "weight", label: "Weight", type: "decimal", required: true },
    { name: "weight_unit", label: "Unit", type: "choice", choices: ["LBS", "KG"] },
    { name: "price_per_unit", label: "Price per unit", type: "decimal", required: true },
    { name: "line_total", label: "Line total", type: "money", read_only: true },
  ],
};
const f = (name, label, type, extra = {}) => ({
  name,
  label,
  type,
  filter: false,
  order: false,
  search: false,
  list: false,
  ...extra,
});
const party = (name, label, singular) => ({
  name,
  label,
  singular,
  display_field: "name",
  write_role: "user",
  delete_role: "manager",
  status_field: "status",
  fields: [
    f("name", "Name", "text", { required: true, max_length: 200, order: true, search: true, list: true }),
    f("contact_person", "Contact person", "text", { list: true }),
    f("email", "E-mail", "email", { list: true }),
    f("phone", "Phone", "phone"),
    f("city", "City", "text"),
    f("state", "State", "text", { filter: true, order: true, list: true }),
    f("proteins", "Proteins", "choices", { choices: PROTEIN }),
    f("payment_terms", "Payment terms", "choice", { choices: ["Wire", "ACH", "Check", "Credit Card"], filter: true }),
    f("status", "Status", "choice", { choices: ["active", "inactive", "archived"], filter: true, list: true }),
  ],
  children: [],
  actions: [],
});
const money = (label) => f("total_amount", label, "money", { read_only: true, list: true, order: true });
const RESOURCES = [
  party("suppliers", "Suppliers", "Supplier"),
  party("customers", "Customers", "Customer"),
  party("carriers", "Carriers", "Carrier"),
  {
    name: "products",
    label: "Products",
    singular: "Product",
    display_field: "description",
    write_role: "user",
    delete_role: "manager",
    status_field: null,
    fields: [
      f("product_code", "Product code", "text", { required: true, list: true, order: true }),
      f("description", "Description", "text", { required: true, list: true, search: true }),
      f("protein", "Protein", "choice", { choices: PROTEIN, filter: true, list: true }),
      f("supplier", "Supplier", "reference", { reference: "suppliers", filter: true, list: true }),
    ],
    children: [],
    actions: [],
  },
  {
    name: "purchase-orders",
    label: "Purchase orders",
    singular: "Purchase order",
    display_field: "order_number",
    write_role: "user",
    delete_role: "manager",
    status_field: "status",
    fields: [
      f("order_number", "Order number", "text", { list: true, order: true, search: true }),
      f("supplier", "Supplier", "reference", { reference: "suppliers", required: true, filter: true, list: true }),
      f("order_date", "Order date", "date", { filter: true, order: true, list: true }),
      f("delivery_date", "Delivery date", "date"),
      f("logistics_scenario", "Logistics scenario", "choice", {
        choices: ["customer_pickup", "supplier_delivery", "we_pickup"],
        filter: true,
      }),
      f("special_instructions", "Special instructions", "textarea"),
      f("status", "Status", "choice", {
        choices: ["draft", "pending", "approved", "shipped", "delivered", "cancelled"],
        read_only: true,
        filter: true,
        list: true,
      }),
      money("Total"),
      f("outstanding_amount", "Outstanding", "money", { read_only: true }),
      f("payment_status", "Payment status", "choice", {
        choices: ["unpaid", "partial", "paid"],
        read_only: true,
        filter: true,
        list: true,
      }),
    ],
    children: [ORDER_LINES],
    actions: [
      { name: "submit", label: "Submit for approval", role: "user", from: ["draft"], to: "pending" },
      { name: "approve", label: "Approve", role: "manager", from: ["pending"], to: "approved" },
      { name: "ship", label: "Ship", role: "user", from: ["approved"], to: "shipped" },
      { name: "deliver", label: "Deliver", role: "user", from: ["shipped"], to: "delivered" },
      {
        name: "cancel",
        label: "Cancel",
        role: "manager",
        from: ["draft", "pending", "approved", "shipped"],
        to: "cancelled",
      },
    ],
  },
  {
    name: "sales-orders",
    label: "Sales orders",
    singular: "Sales order",
    display_field: "order_number",
    write_role: "user",
    delete_role: "manager",
    status_field: "status",
    fields: [
      f("order_number", "Order number", "text", { list: true, order: true, search: true }),
      f("customer", "Customer", "reference", { reference: "customers", required: true, filter: true, list: true }),
      f("purchase_order", "Purchase order", "reference", { reference: "purchase-orders", filter: true, list: true }),
      f("load_status", "Load status", "choice", {
        choices: ["Matched", "TBD - Not Matched"],
        read_only: true,
        filter: true,
        list: true,
      }),
      f("order_date", "Order date", "date", { filter: true, order: true }),
      f("status", "Status", "choice", {
        choices: ["pending", "confirmed", "in_transit", "delivered", "cancelled"],
        read_only: true,
        filter: true,
        list: true,
      }),
      money("Total"),
      f("outstanding_amount", "Outstanding", "money", { read_only: true }),
      f("payment_status", "Payment status", "choice", { choices: ["unpaid", "partial", "paid"], read_only: true }),
    ],
    children: [ORDER_LINES],
    actions: [
      { name: "confirm", label: "Confirm", role: "user", from: ["pending"], to: "confirmed" },
      {
        name: "cancel",
        label: "Cancel",
        role: "manager",
        from: ["pending", "confirmed", "in_transit"],
        to: "cancelled",
      },
    ],
  },
  {
    name: "payments",
    label: "Payments",
    singular: "Payment",
    display_field: "reference_number",
    write_role: "manager",
    delete_role: "manager",
    status_field: null,
    fields: [
      f("purchase_order", "Purchase order", "reference", { reference: "purchase-orders", filter: true, list: true }),
      f("sales_order", "Sales order", "reference", { reference: "sales-orders", filter: true, list: true }),
      f("amount", "Amount", "money", { required: true, list: true, order: true }),
      f("payment_date", "Payment date", "date", { required: true, list: true, order: true, filter: true }),
      f("method", "Method", "choice", {
        choices: ["wire", "ach", "check", "credit_card", "cash", "other"],
        required: true,
        filter: true,
        list: true,
      }),
      f("reference_number", "Reference number", "text", { list: true }),
    ],
    children: [],
    actions: [],
  },
  {
    name: "activity-logs",
    label: "Activity log",
    singular: "Note",
    display_field: "title",
    write_role: "user",
    delete_role: "user",
    status_field: null,
    fields: [
      f("title", "Title", "text", { required: true, list: true }),
      f("text", "Text", "textarea"),
      f("supplier", "Supplier", "reference", { reference: "suppliers", filter: true }),
      f("purchase_order", "Purchase order", "reference", { reference: "purchase-orders", filter: true }),
      f("pinned", "Pinned", "boolean", { filter: true, list: true }),
    ],
    children: [],
    actions: [],
  },
];
const META = new Map(RESOURCES.map((r) => [r.name, r]));

// ---- exact cents with BigInt, like the server ----
const toCents = (s) => {
  const [w, fr = ""] = String(s).split(".");
  const neg = w.startsWith("-");
  const v = BigInt((w.replace("-", "") || "0") + (fr + "00").slice(0, 2));
  return neg ? -v : v;
};
const fromCents = (c) => {
  const neg = c < 0n;
  const a = (neg ? -c : c).toString().padStart(3, "0");
  return (neg ? "-" : "") + a.slice(0, -2) + "." + a.slice(-2);
};
function lineTotal(w, p) {
  const dec = (s) => {
    const [a, b = ""] = String(s).split(".");
    return { u: BigInt(a + b), s: b.length };
  };
  const x = dec(w),
    y = dec(p);
  const scale = x.s + y.s;
  const prod = x.u * y.u;
  if (scale <= 2) return fromCents(prod * 10n ** BigInt(2 - scale));
  const d = 10n ** BigInt(scale - 2);
  let q = prod / d;
  if ((prod % d) * 2n >= d) q += 1n;
  return fromCents(q);
}

export function createMock({
  email = "owner@example.com",
  password = "correct horse battery",
  company = "Prairie Meats",
} = {}) {
  const db = new Map(RESOURCES.map((r) => [r.name, []]));
  const seq = { id: 100, order: 10233 };
  const users = [{ id: 1, email, name: "Olivia Owner", password }];
  const companies = [
    { id: 1, slug: "prairie-meats", name: company },
    { id: 2, slug: "coastal-cuts", name: "Coastal Cuts" },
  ];
  const members = [
    { user_id: 1, company: 1, role: "owner" },
    { user_id: 1, company: 2, role: "readonly" },
  ];
  const sessions = new Map();
  const history = new Map();
  const idem = new Map();
  const chats = [];
  const documents = [];
  const invitations = [];
  const tokens = [];
  const usage = { prompt_tokens: 0, completion_tokens: 0 };
  const now = () => new Date().toISOString();
  const companiesOf = (uid) =>
    members
      .filter((m) => m.user_id === uid)
      .map((m) => ({ ...companies.find((c) => c.id === m.company), role: m.role }));

  const seed = (name, rec) => {
    const r = { id: ++seq.id, created_on: now(), modified_on: now(), _v: 1, ...rec };
    db.get(name).push(r);
    return r;
  };
  const s1 = seed("suppliers", {
    name: "Cactus Packing",
    contact_person: "Ana Ruiz",
    email: "sales@cactus.example",
    state: "TX",
    status: "active",
    proteins: ["Beef"],
    payment_terms: "Wire",
  });
  seed("customers", { name: "Heartland Foods", state: "IA", status: "active", proteins: ["Pork"] });
  seed("products", {
    product_code: "CHK-01",
    description: "Beef chuck roll, choice",
    protein: "Beef",
    supplier: s1.id,
  });

  function problem(res, status, title, detail, code, errors) {
    res.writeHead(status, {
      "Content-Type": "application/problem+json",
      ...(status === 429 ? { "Retry-After": "30" } : {}),
    });
    res.end(JSON.stringify({ type: "about:blank", title, status, detail, code, errors: errors ?? {} }));
  }
  const json = (res, status, body, headers = {}) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(body === undefined ? "" : JSON.stringify(body));
  };
  const etag = (r) => `W/"${r.id}-${r._v}"`;
  const strip = (r) => {
    const { _v, ...rest } = r;
    return rest;
  };

  const r0 = (rows) => rows[0] ?? {};

  function withNames(meta, r) {
    const out = strip(r);
    for (const field of meta.fields) {
      if (field.type === "reference" && r[field.name] != null) {
        const target = META.get(field.reference);
        const hit = db.get(field.reference).find((x) => x.id === r[field.name]);
        out[field.name + "_name"] = hit ? String(hit[target.display_field] ?? `#${hit.id}`) : null;
      }
    }
    return out;
  }

  function validate(meta, body, partial) {
    const errors = {};
    for (const field of meta.fields) {
      if (field.read_only) continue;
      const v = body[field.name];
      if (field.required && !partial && (v === undefined || v === null || v === ""))
        errors[field.name] = [`${field.label} is required.`];
      if (v != null && v !== "" && field.type === "reference" && !db.get(field.reference).some((x) => x.id === v))
        errors[field.name] = [`No such ${field.label.toLowerCase()}.`];
      if (v != null && v !== "" && field.type === "choice" && !field.choices.includes(v))
        errors[field.name] = [`Must be one of: ${field.choices.join(", ")}.`];
      if (
        v != null &&
        v !== "" &&
        (field.type === "money" || field.type === "decimal") &&
        !/^-?\d+(\.\d+)?$/.test(String(v))
      )
        errors[field.name] = [`${field.label} must be a number such as 1234.50.`];
    }
    for (const child of meta.children ?? []) {
      (body[child.name] ?? []).forEach((line, i) => {
        for (const field of child.fields) {
          if (field.required && !field.read_only && (line[field.name] == null || line[field.name] === ""))
            errors[`${child.name}[${i}].${field.name}`] = [`${field.label} is required.`];
        }
      });
    }
    return errors;
  }

  function derive(meta, r) {
    if (r.lines) {
      r.lines = r.lines.map((l, i) => ({
        id: l.id ?? i + 1,
        ...l,
        line_total: l.weight && l.price_per_unit ? lineTotal(l.weight, l.price_per_unit) : "0.00",
      }));
      r.total_amount = fromCents(r.lines.reduce((s, l) => s + toCents(l.line_total), 0n));
    }
    if ("total_amount" in r && meta.fields.some((x) => x.name === "outstanding_amount")) {
      const parent =
        meta.name === "purchase-orders" ? "purchase_order" : meta.name === "sales-orders" ? "sales_order" : "invoice";
      const paid = db
        .get("payments")
        .filter((p) => p[parent] === r.id)
        .reduce((s, p) => s + toCents(p.amount), 0n);
      const total = toCents(r.total_amount ?? "0");
      r.outstanding_amount = fromCents(total - paid);
      r.payment_status = paid === 0n ? "unpaid" : paid >= total ? "paid" : "partial";
    }
    if (meta.name === "sales-orders") r.load_status = r.purchase_order ? "Matched" : "TBD - Not Matched";
  }

  function record(meta, r, user, action, before) {
    if (!["purchase-orders", "sales-orders"].includes(meta.name)) return;
    const changes = {};
    for (const k of Object.keys(r))
      if (!["_v", "modified_on", "lines"].includes(k) && before && JSON.stringify(before[k]) !== JSON.stringify(r[k]))
        changes[k] = { old: before[k] ?? null, new: r[k] };
    const list = history.get(`${meta.name}/${r.id}`) ?? [];
    list.push({ at: now(), user_email: user.email, action, changes });
    history.set(`${meta.name}/${r.id}`, list);
  }

  function list(meta, url, res) {
    let rows = db.get(meta.name).slice();
    const q = url.searchParams.get("q")?.toLowerCase();
    if (q)
      rows = rows.filter((r) =>
        meta.fields.some(
          (x) =>
            (x.search || x.name === meta.display_field) &&
            String(r[x.name] ?? "")
              .toLowerCase()
              .includes(q),
        ),
      );
    for (const [key, value] of url.searchParams) {
      if (["page", "page_size", "q", "ordering"].includes(key)) continue;
      const m = /^(.*)_(after|before)$/.exec(key);
      if (m && meta.fields.some((x) => x.name === m[1])) {
        rows = rows.filter((r) => r[m[1]] && (m[2] === "after" ? r[m[1]] >= value : r[m[1]] <= value));
        continue;
      }
      const field = meta.fields.find((x) => x.name === key);
      if (!field) return problem(res, 400, "Bad Request", `Unknown filter '${key}'.`, "bad_filter");
      rows = rows.filter((r) => (Array.isArray(r[key]) ? r[key].includes(value) : String(r[key] ?? "") === value));
    }
    const ordering = url.searchParams.get("ordering");
    if (ordering) {
      const key = ordering.replace(/^-/, "");
      if (!meta.fields.some((x) => x.name === key && x.order) && !["created_on", "modified_on", "id"].includes(key))
        return problem(res, 400, "Bad Request", `Cannot order by '${key}'.`, "bad_ordering");
      rows.sort(
        (a, b) =>
          String(a[key] ?? "").localeCompare(String(b[key] ?? ""), undefined, { numeric: true }) *
          (ordering.startsWith("-") ? -1 : 1),
      );
    }
    const page = Number(url.searchParams.get("page") ?? 1);
    const size = Math.min(100, Number(url.searchParams.get("page_size") ?? 25));
    const slice = rows.slice((page - 1) * size, page * size);
    json(res, 200, {
      count: rows.length,
      next: page * size < rows.length ? `?page=${page + 1}` : null,
      previous: page > 1 ? `?page=${page - 1}` : null,
      results: slice.map((r) => withNames(meta, r)),
    });
  }

  async function body(req) {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    if (!raw) return {};
    try {
      return JSON.parse(raw);
    } catch {
      return null;
    }
  }

  async function streamChat(req, res, chat, content, user) {
    const userMsg = { id: String(++seq.id), role: "user", content, status: "complete" };
    const answer = { id: String(++seq.id), role: "assistant", content: "", status: "streaming" };
    chat.messages.push(userMsg, answer);
    if (!chat.title) chat.title = content.slice(0, 60);
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", "X-Accel-Buffering": "no" });
    let open = true;
    res.on("close", () => {
      open = false;
      if (answer.status === "streaming") answer.status = "interrupted";
    });
    const event = (name, data) => open && res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    event("message", { user_message_id: userMsg.id, assistant_message_id: answer.id });
    res.write(": keep-alive\n\n");
    if (/pending/i.test(content))
      event("tool", {
        name: "search_records",
        arguments: { resource: "purchase-orders", status: "pending" },
        result_summary: "3 purchase orders",
      });
    const text = /long|essay|everything/i.test(content)
      ? Array.from({ length: 300 }, (_, i) => `Point ${i + 1}: prices move with the cattle cycle.`).join(" ")
      : "**Three** purchase orders are pending approval:\n\n| Order | Supplier | Total |\n|---|---|---|\n| 10234 | Cactus Packing | $78,400.00 |\n\nApprove them from each order's page. Ünïcødé 🥩 ok.";
    for (let i = 0; i < text.length && open && !answer.stop; i += 10) {
      await sleep(100);
      answer.content += text.slice(i, i + 10);
      event("delta", { content: text.slice(i, i + 10) });
    }
    if (!open || answer.stop) {
      answer.status = "interrupted";
      if (open) res.end();
      return;
    }
    answer.status = "complete";
    answer.usage = { prompt_tokens: 150, completion_tokens: Math.ceil(text.length / 4) };
    usage.prompt_tokens += 150;
    usage.completion_tokens += answer.usage.completion_tokens;
    event("done", { finish_reason: "stop", usage: answer.usage });
    res.end();
    void user;
  }

  async function api(req, res, url, user, companyId, role) {
    const p = url.pathname.replace(/^\/api\/v1/, "");
    const m = req.method;
    if (p === "/meta/resources") return json(res, 200, { resources: RESOURCES });
    if (p === "/reports/dashboard") {
      const months = Array.from({ length: 12 }, (_, i) => {
        const d = new Date(Date.UTC(2025, 11 + i, 1));
        const rev = 60000 + i * 7000 + (i % 3) * 9000;
        const cost = Math.round(rev * 0.86);
        return {
          month: d.toISOString().slice(0, 7),
          revenue: `${rev}.00`,
          cost: `${cost}.00`,
          margin: `${rev - cost}.00`,
        };
      });
      const open = (name) => db.get(name).reduce((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
      return json(res, 200, {
        open_orders: { purchase: open("purchase-orders"), sales: open("sales-orders") },
        monthly: months,
        top_customers: db
          .get("customers")
          .map((c, i) => ({ id: c.id, name: c.name, total: `${90000 - i * 10000}.00` }))
          .slice(0, 5),
        top_suppliers: db
          .get("suppliers")
          .map((c, i) => ({ id: c.id, name: c.name, total: `${80000 - i * 9000}.00` }))
          .slice(0, 5),
        unmatched_loads: db.get("sales-orders").filter((s) => !s.purchase_order).length,
      });
    }
    if (p === "/reports/receivables-aging" || p === "/reports/payables-aging") {
      const buckets = ["current", "1-30", "31-60", "61-90", "over_90"];
      const parties = db.get(p.includes("receivables") ? "customers" : "suppliers").map((c, i) => ({
        id: c.id,
        name: c.name,
        current: "12000.00",
        "1-30": `${i * 3000}.00`,
        "31-60": "2500.00",
        "61-90": "0.00",
        over_90: i ? "800.00" : "0.00",
        total: fromCents(toCents("14500.00") + toCents(`${i * 3000}.00`) + toCents(i ? "800.00" : "0.00")),
      }));
      const totals = Object.fromEntries(
        [...buckets, "total"].map((b) => [b, fromCents(parties.reduce((s, x) => s + toCents(x[b]), 0n))]),
      );
      return json(res, 200, { as_of: url.searchParams.get("as_of") ?? "2026-11-26", buckets, parties, totals });
    }
    // the desk: Today's sections (those this stand-in holds records for) and the global search
    if (p === "/today") {
      const day = url.searchParams.get("as_of") ?? new Date().toISOString().slice(0, 10);
      const limit = Number(url.searchParams.get("limit") ?? 25);
      const named = (resource, r) => withNames(META.get(resource), r);
      const pending = db.get("purchase-orders").filter((r) => r.status === "pending");
      const unmatched = db
        .get("sales-orders")
        .filter((r) => !r.purchase_order && !["delivered", "cancelled"].includes(r.status));
      const section = (key, title, rows) => ({ key, title, count: rows.length, items: rows.slice(0, limit) });
      const sections = [
        section(
          "purchase_orders_awaiting_approval",
          "Purchase orders awaiting approval",
          pending.map((r) => ({
            resource: "purchase-orders",
            id: r.id,
            label: r.order_number ?? null,
            party: named("purchase-orders", r).supplier_name ?? null,
            reason: "Submitted; waiting for a manager to approve it",
            date: r.order_date ?? null,
            amount: r.total_amount ?? null,
          })),
        ),
        section("loads_today_and_tomorrow", "Loads picking up or delivering today and tomorrow", []),
        section("calls_due", "Calls due today or overdue", []),
        section("invoices_due", "Invoices overdue or due this week", []),
        section(
          "loads_not_matched",
          "Loads not matched",
          unmatched.map((r) => ({
            resource: "sales-orders",
            id: r.id,
            label: r.order_number ?? null,
            party: named("sales-orders", r).customer_name ?? null,
            reason: "No purchase order matched",
            date: r.pick_up_date ?? null,
          })),
        ),
      ];
      const counts = Object.fromEntries(sections.map((x) => [x.key, x.count]));
      const total = sections.reduce((a, x) => a + x.count, 0);
      return json(res, 200, { as_of: day, total, counts, sections });
    }
    if (p === "/search") {
      const term = (url.searchParams.get("q") ?? "").trim();
      const q = term.toLowerCase();
      if (!q) return problem(res, 400, "Bad Request", "Say what to search for.", "bad_request");
      const limit = Number(url.searchParams.get("limit") ?? 5);
      const groups = [];
      for (const meta of RESOURCES) {
        const searched = meta.fields.filter((x) => x.search);
        if (!searched.length) continue;
        const rows = db
          .get(meta.name)
          .map((r) => withNames(meta, r))
          .filter((r) =>
            [...searched.map((x) => r[x.name]), ...meta.fields.map((x) => r[x.name + "_name"])].some((v) =>
              String(v ?? "")
                .toLowerCase()
                .includes(q),
            ),
          );
        if (!rows.length) continue;
        const ref = meta.fields.find((x) => x.type === "reference" && r0(rows)[x.name + "_name"]);
        groups.push({
          resource: meta.name,
          title: meta.label,
          count: rows.length,
          results: rows.slice(0, limit).map((r) => ({
            resource: meta.name,
            id: r.id,
            label: String(r[meta.display_field] ?? `#${r.id}`),
            detail: ref ? (r[ref.name + "_name"] ?? null) : null,
          })),
        });
      }
      return json(res, 200, { q: term, total: groups.reduce((a, g) => a + g.count, 0), groups });
    }
    // assistant
    if (p === "/assistant/status")
      return json(res, 200, { configured: true, model: "gpt-4o-mini", models: ["gpt-4o-mini"] });
    if (p === "/assistant/usage") return json(res, 200, { month: "2026-11", ...usage });
    if (p === "/assistant/sessions" && m === "GET")
      return json(res, 200, chats.map(({ messages, ...c }) => c).reverse());
    if (p === "/assistant/sessions" && m === "POST") {
      const c = { id: String(++seq.id), title: null, created_on: now(), messages: [] };
      chats.push(c);
      return json(res, 201, { id: c.id, title: null });
    }
    let mm = /^\/assistant\/sessions\/([^/]+)(\/messages(?:\/([^/]+)\/(stop|regenerate))?)?$/.exec(p);
    if (mm) {
      const chat = chats.find((c) => c.id === mm[1]);
      if (!chat) return problem(res, 404, "Not Found", "No such session.", "not_found");
      if (!mm[2]) {
        if (m === "DELETE") {
          chats.splice(chats.indexOf(chat), 1);
          return json(res, 204);
        }
        if (m === "PATCH") {
          Object.assign(chat, { title: (await body(req))?.title ?? chat.title });
          return json(res, 200, { id: chat.id, title: chat.title });
        }
      }
      if (!mm[3] && m === "GET")
        return json(
          res,
          200,
          chat.messages.map((x) => ({ ...x, stop: undefined })),
        );
      if (!mm[3] && m === "POST") {
        const b = await body(req);
        if (!b?.content)
          return problem(res, 422, "Unprocessable", "content is required", "validation", {
            content: ["Ask something."],
          });
        return streamChat(req, res, chat, b.content, user);
      }
      const msg = chat.messages.find((x) => x.id === mm[3]);
      if (!msg) return problem(res, 404, "Not Found", "No such message.", "not_found");
      if (mm[4] === "stop") {
        msg.stop = true;
        return json(res, 202, { status: "stopping" });
      }
      if (mm[4] === "regenerate") {
        const i = chat.messages.indexOf(msg);
        const question = chat.messages[i - 1]?.content ?? "";
        chat.messages.splice(i - 1, 2);
        return streamChat(req, res, chat, question, user);
      }
    }
    // documents
    if (p === "/documents" && m === "GET")
      return json(res, 200, {
        count: documents.length,
        next: null,
        previous: null,
        results: documents.map(({ bytes, ...d }) => d).reverse(),
      });
    if (p === "/documents" && m === "POST") {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const raw = Buffer.concat(chunks);
      const boundary = /boundary=(.+)$/.exec(req.headers["content-type"] ?? "")?.[1];
      if (!boundary) return problem(res, 415, "Unsupported Media Type", "multipart expected", "unsupported_media_type");
      const text = raw.toString("latin1");
      const filename = /filename="([^"]+)"/.exec(text)?.[1] ?? "upload";
      const target = /name="target"\r\n\r\n([^\r]+)/.exec(text)?.[1] ?? null;
      const start = text.indexOf("\r\n\r\n", text.indexOf('name="file"')) + 4;
      const end = text.indexOf(`\r\n--${boundary}`, start);
      const bytes = raw.subarray(start, end);
      const pdf = bytes.subarray(0, 5).toString() === "%PDF-";
      const png = bytes[0] === 0x89 && bytes[1] === 0x50;
      const doc = {
        id: String(++seq.id),
        filename,
        content_type: pdf ? "application/pdf" : png ? "image/png" : "text/plain",
        status: "pending",
        target: target ?? null,
        draft: null,
        flags: {},
        error: null,
        record_id: null,
        created_on: now(),
        bytes,
      };
      documents.push(doc);
      setTimeout(() => {
        doc.status = "processing";
      }, 400);
      setTimeout(() => {
        doc.status = "needs_review";
        doc.target = doc.target ?? "purchase-orders";
        const supplier = db.get("suppliers")[0];
        doc.draft = {
          supplier: supplier?.name ?? null,
          order_date: "2026-11-20",
          special_instructions: "Keep frozen at -18°C",
          lines: [
            {
              description: "Beef chuck roll, choice",
              protein: "Beef",
              quantity: 800,
              weight: "32000.00",
              weight_unit: "LBS",
              price_per_unit: "2.4500",
            },
            {
              description: "Beef brisket",
              protein: "Beef",
              quantity: 40,
              weight: "1600.00",
              weight_unit: "LBS",
              price_per_unit: "3.1000",
            },
          ],
        };
        doc.flags = {
          delivery_date: "Not found in the document",
          "lines[1].price_per_unit": "Read from a blurry line; check it",
        };
      }, 1500);
      return json(res, 202, { id: doc.id, status: doc.status });
    }
    mm = /^\/documents\/([^/]+)(?:\/(content|accept|reject))?$/.exec(p);
    if (mm) {
      const doc = documents.find((d) => d.id === mm[1]);
      if (!doc) return problem(res, 404, "Not Found", "No such document.", "not_found");
      if (!mm[2]) {
        const { bytes, ...rest } = doc;
        return json(res, 200, rest);
      }
      if (mm[2] === "content") {
        res.writeHead(200, { "Content-Type": doc.content_type });
        return res.end(doc.bytes);
      }
      if (mm[2] === "reject") {
        doc.status = "rejected";
        return json(res, 200, { id: doc.id, status: doc.status });
      }
      const b = await body(req);
      const meta = META.get(b?.target ?? doc.target);
      const draft = b?.draft ?? {};
      const errors = validate(meta, draft, false);
      if (Object.keys(errors).length)
        return problem(res, 422, "Unprocessable Content", "The draft fails validation.", "validation", errors);
      const r = { id: ++seq.id, created_on: now(), modified_on: now(), _v: 1, ...draft };
      if (meta.name === "purchase-orders") {
        r.order_number = String(++seq.order);
        r.status = "draft";
      }
      derive(meta, r);
      db.get(meta.name).push(r);
      doc.status = "accepted";
      doc.record_id = r.id;
      doc.resource = meta.name;
      return json(res, 200, { resource: meta.name, record_id: r.id });
    }
    // admin
    if (p === "/members" && m === "GET")
      return json(
        res,
        200,
        members
          .filter((x) => x.company === companyId)
          .map((x) => {
            const u = users.find((uu) => uu.id === x.user_id);
            return { user_id: u.id, email: u.email, name: u.name, role: x.role, joined_on: "2026-01-05" };
          }),
      );
    mm = /^\/members\/(\d+)$/.exec(p);
    if (mm) {
      const mem = members.find((x) => x.company === companyId && x.user_id === Number(mm[1]));
      if (!mem) return problem(res, 404, "Not Found", "No such member.", "not_found");
      if (mem.role === "owner" && members.filter((x) => x.company === companyId && x.role === "owner").length === 1)
        return problem(res, 409, "Conflict", "The last owner cannot be removed or demoted.", "last_owner");
      if (m === "PATCH") {
        mem.role = (await body(req)).role;
        return json(res, 200, mem);
      }
      members.splice(members.indexOf(mem), 1);
      return json(res, 204);
    }
    if (p === "/invitations" && m === "GET")
      return json(
        res,
        200,
        invitations.filter((i) => i.company === companyId).map(({ token, company: _c, ...i }) => i),
      );
    if (p === "/invitations" && m === "POST") {
      const b = await body(req);
      if (!/^[^@\s]+@[^@\s]+$/.test(b?.email ?? ""))
        return problem(res, 422, "Unprocessable", "Invalid", "validation", { email: ["Enter an e-mail address."] });
      const inv = {
        id: ++seq.id,
        email: b.email,
        role: b.role,
        token: crypto.randomBytes(32).toString("base64url"),
        expires_on: new Date(Date.now() + 7 * 864e5).toISOString(),
        company: companyId,
        status: "pending",
      };
      invitations.push(inv);
      const { company: _c, ...out } = inv;
      return json(res, 201, out);
    }
    mm = /^\/invitations\/(\d+)$/.exec(p);
    if (mm && m === "DELETE") {
      const inv = invitations.find((i) => i.id === Number(mm[1]));
      if (inv) inv.status = "revoked";
      return json(res, 204);
    }
    if (p === "/auth/tokens" && m === "GET")
      return json(
        res,
        200,
        tokens.filter((t) => t.user_id === user.id).map(({ token, user_id, ...t }) => t),
      );
    if (p === "/auth/tokens" && m === "POST") {
      const b = await body(req);
      if (!b?.name)
        return problem(res, 422, "Unprocessable", "Invalid", "validation", { name: ["Give the token a name."] });
      const t = {
        id: ++seq.id,
        name: b.name,
        prefix: "pmt_",
        created_on: now(),
        expires_on: b.expires_on ?? null,
        last_used_on: null,
        user_id: user.id,
        token: "pmt_" + crypto.randomBytes(24).toString("base64url"),
      };
      tokens.push(t);
      return json(res, 201, { id: t.id, name: t.name, token: t.token, expires_on: t.expires_on });
    }
    mm = /^\/auth\/tokens\/(\d+)$/.exec(p);
    if (mm && m === "DELETE") {
      const i = tokens.findIndex((t) => t.id === Number(mm[1]));
      if (i >= 0) tokens.splice(i, 1);
      return json(res, 204);
    }
    // payments (special: roll-up)
    if (p === "/payments" && m === "POST") {
      if (!["manager", "admin", "owner"].includes(role))
        return problem(res, 403, "Forbidden", "Managers record payments.", "forbidden");
      const b = await body(req);
      const parentName = b.purchase_order ? "purchase-orders" : b.sales_order ? "sales-orders" : null;
      const parent = parentName && db.get(parentName).find((x) => x.id === (b.purchase_order ?? b.sales_order));
      if (!parent)
        return problem(res, 422, "Unprocessable", "Invalid", "validation", { purchase_order: ["Pay an order."] });
      if (toCents(b.amount) > toCents(parent.outstanding_amount))
        return problem(res, 422, "Unprocessable", "Over-payment", "validation", {
          amount: [`More than the ${parent.outstanding_amount} outstanding.`],
        });
      const pay = { id: ++seq.id, created_on: now(), modified_on: now(), _v: 1, ...b };
      db.get("payments").push(pay);
      const before = { ...parent };
      derive(META.get(parentName), parent);
      parent._v++;
      record(META.get(parentName), parent, user, "payment", before);
      return json(res, 201, strip(pay));
    }
    // generic resources
    mm = /^\/([a-z-]+)(?:\/(\d+)(?:\/([a-z_]+))?)?$/.exec(p);
    const meta = mm && META.get(mm[1]);
    if (!meta) return problem(res, 404, "Not Found", `No API route at ${url.pathname}.`, "not_found");
    const rows = db.get(meta.name);
    if (!mm[2]) {
      if (m === "GET") return list(meta, url, res);
      if (m === "POST") {
        if (!["user", "manager", "admin", "owner"].includes(role))
          return problem(res, 403, "Forbidden", "Readonly.", "forbidden");
        const key = req.headers["idempotency-key"];
        if (key && idem.has(key)) return json(res, 201, idem.get(key));
        const b = await body(req);
        if (!b) return problem(res, 400, "Bad Request", "Malformed JSON.", "malformed");
        const errors = validate(meta, b, false);
        if (Object.keys(errors).length)
          return problem(res, 422, "Unprocessable Content", "Validation failed.", "validation", errors);
        const r = { id: ++seq.id, created_on: now(), modified_on: now(), _v: 1, ...b };
        if (meta.fields.some((x) => x.name === "order_number") && !r.order_number) r.order_number = String(++seq.order);
        if (meta.status_field)
          r[meta.status_field] =
            r[meta.status_field] ?? meta.fields.find((x) => x.name === meta.status_field).choices[0];
        derive(meta, r);
        rows.push(r);
        record(meta, r, user, "created", {});
        const out = withNames(meta, r);
        if (key) idem.set(key, out);
        return json(res, 201, out, { ETag: etag(r), Location: `/api/v1/${meta.name}/${r.id}` });
      }
    }
    const r = rows.find((x) => x.id === Number(mm[2]));
    if (!r) return problem(res, 404, "Not Found", "No such record.", "not_found");
    if (mm[3] === "history") return json(res, 200, (history.get(`${meta.name}/${r.id}`) ?? []).slice().reverse());
    if (mm[3]) {
      const action = (meta.actions ?? []).find((a) => a.name === mm[3]);
      if (!action || m !== "POST") return problem(res, 404, "Not Found", "No such action.", "not_found");
      const rank = ["readonly", "user", "manager", "admin", "owner"];
      if (rank.indexOf(role) < rank.indexOf(action.role))
        return problem(res, 403, "Forbidden", `Needs ${action.role}.`, "forbidden");
      if (!action.from.includes(r.status))
        return problem(
          res,
          409,
          "Conflict",
          `The ${meta.singular.toLowerCase()} is ${r.status}; it cannot be ${action.to} from there.`,
          "illegal_transition",
        );
      const before = { ...r };
      r.status = action.to;
      r._v++;
      r.modified_on = now();
      record(meta, r, user, action.name, before);
      return json(res, 200, withNames(meta, r), { ETag: etag(r) });
    }
    if (m === "GET") return json(res, 200, withNames(meta, r), { ETag: etag(r) });
    const ifMatch = req.headers["if-match"];
    if (ifMatch && ifMatch !== etag(r)) return problem(res, 412, "Precondition Failed", "The record changed.", "stale");
    if (m === "DELETE") {
      rows.splice(rows.indexOf(r), 1);
      return json(res, 204);
    }
    if (m === "PATCH" || m === "PUT") {
      const b = await body(req);
      const errors = validate(meta, b, m === "PATCH");
      if (Object.keys(errors).length)
        return problem(res, 422, "Unprocessable Content", "Validation failed.", "validation", errors);
      const before = { ...r };
      for (const field of meta.fields) if (!field.read_only && field.name in b) r[field.name] = b[field.name];
      for (const child of meta.children ?? []) if (child.name in b) r[child.name] = b[child.name];
      derive(meta, r);
      r._v++;
      r.modified_on = now();
      record(meta, r, user, "updated", before);
      return json(res, 200, withNames(meta, r), { ETag: etag(r) });
    }
    return problem(res, 405, "Method Not Allowed", "", "method");
  }

  async function handle(req, res) {
    const url = new URL(req.url, "http://x");
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (url.pathname === "/healthz") return json(res, 200, { status: "UP", checks: [] });
    if (!url.pathname.startsWith("/api/")) return serveStatic(url, res);
    const cookie = /pm_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const user = bearer
      ? users.find((u) => tokens.some((t) => t.token === bearer && t.user_id === u.id))
      : cookie && sessions.get(cookie);
    const p = url.pathname.replace(/^\/api\/v1/, "");
    if (!["GET", "HEAD"].includes(req.method) && user && !bearer && !req.headers["x-requested-with"])
      return problem(res, 403, "Forbidden", "CSRF proof missing.", "csrf_failed");
    if (p === "/auth/login" && req.method === "POST") {
      const b = await body(req);
      const u = users.find((x) => x.email === String(b?.email ?? "").toLowerCase() && x.password === b?.password);
      if (!u) return problem(res, 401, "Unauthorized", "Wrong e-mail or password.", "bad_credentials");
      const sid = crypto.randomBytes(16).toString("hex");
      sessions.set(sid, u);
      return json(
        res,
        200,
        { user: { id: u.id, email: u.email, name: u.name }, companies: companiesOf(u.id) },
        { "Set-Cookie": `pm_session=${sid}; HttpOnly; SameSite=Lax; Path=/` },
      );
    }
    const inv = /^\/invitations\/([A-Za-z0-9_-]{20,})$/.exec(p);
    if (inv && req.method === "GET") {
      const i = invitations.find((x) => x.token === inv[1] && x.status === "pending");
      if (!i) return problem(res, 404, "Not Found", "Invitation not valid.", "not_found");
      return json(res, 200, {
        company_name: companies.find((c) => c.id === i.company).name,
        email: i.email,
        role: i.role,
      });
    }
    if (p === "/auth/signup" && req.method === "POST") {
      const b = await body(req);
      const i = invitations.find((x) => x.token === b?.token && x.status === "pending");
      if (!i) return problem(res, 404, "Not Found", "Invitation not valid.", "not_found");
      if (String(b.password ?? "").length < 12)
        return problem(res, 422, "Unprocessable", "Weak password", "validation", {
          password: ["Use at least 12 characters."],
        });
      const u = { id: ++seq.id, email: i.email, name: b.name, password: b.password };
      users.push(u);
      members.push({ user_id: u.id, company: i.company, role: i.role });
      i.status = "accepted";
      const sid = crypto.randomBytes(16).toString("hex");
      sessions.set(sid, u);
      return json(
        res,
        201,
        { user: { id: u.id, email: u.email, name: u.name }, companies: companiesOf(u.id) },
        { "Set-Cookie": `pm_session=${sid}; HttpOnly; SameSite=Lax; Path=/` },
      );
    }
    if (p === "/auth/session" && req.method === "GET") {
      return json(
        res,
        200,
        user
          ? {
              signed_in: true,
              user: { id: user.id, email: user.email, name: user.name },
              companies: companiesOf(user.id),
            }
          : { signed_in: false },
      );
    }
    if (!user) return problem(res, 401, "Unauthorized", "Sign in.", "unauthorized");
    if (p === "/auth/me")
      return json(res, 200, {
        user: { id: user.id, email: user.email, name: user.name },
        companies: companiesOf(user.id),
      });
    if (p === "/auth/logout") {
      sessions.delete(cookie);
      return json(res, 204, undefined, { "Set-Cookie": "pm_session=; Max-Age=0; Path=/" });
    }
    const mine = companiesOf(user.id);
    const tenant = req.headers["x-tenant-id"];
    const company = tenant ? mine.find((c) => c.slug === tenant || String(c.id) === tenant) : mine[0];
    if (!company) return problem(res, 403, "Forbidden", "Not a member of that company.", "forbidden");
    if (company.id !== 1 && !p.startsWith("/meta") && !p.startsWith("/auth")) {
      if (req.method === "GET" && /^\/[a-z-]+$/.test(p) && META.has(p.slice(1)))
        return json(res, 200, { count: 0, next: null, previous: null, results: [] });
    }
    try {
      await api(req, res, url, user, company.id, company.role);
    } catch (error) {
      if (!res.headersSent) problem(res, 500, "Internal Server Error", "Something broke.", "internal");
      console.error(error);
    }
  }

  function serveStatic(url, res) {
    const file = path.join(DIST, path.normalize(url.pathname).replace(/^([/\\])+/, ""));
    const types = {
      ".js": "text/javascript",
      ".css": "text/css",
      ".html": "text/html; charset=utf-8",
      ".svg": "image/svg+xml",
      ".png": "image/png",
      ".mjs": "text/javascript",
    };
    if (file.startsWith(DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" });
      return res.end(fs.readFileSync(file));
    }
    if (url.pathname.startsWith("/assets/") || path.extname(url.pathname)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
    res.end(fs.readFileSync(path.join(DIST, "index.html")));
  }

  return {
    handle,
    createUser: (e, pw) => {
      users[0].email = e;
      users[0].password = pw;
    },
  };
}

export function startMock({ port = 0, ...options } = {}) {
  const mock = createMock(options);
  const server = http.createServer((req, res) => mock.handle(req, res));
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () =>
      resolve({
        server,
        port: server.address().port,
        mock,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      }),
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = await startMock({ port: Number(process.env.PORT ?? 8000) });
  console.log(
    `mock API + app on http://127.0.0.1:${started.port} — sign in as owner@example.com / "correct horse battery"`,
  );
}
