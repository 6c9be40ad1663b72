// End-to-end: the broker's desk. Sign-in lands on Today, where an invoice the service marked
// overdue by itself (its job runs at start, so the scenario restarts the jar on the same database)
// is listed and opened; Ctrl-K finds a purchase order by its supplier's name and opens it by
// keyboard; the calls calendar shows a call in its week and month; and without an AI key the
// assistant page says so without a request that fails.
import path from "node:path";

const SUPPLIER = "Mesquite Ridge Packing E2E";
const CUSTOMER = "Lone Star Desk E2E";
const CALL = "Call Lone Star about the overdue invoice";

const dayFromToday = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function api(page, base, method, p, body) {
  const r = await page.request.fetch(`${base}/api/v1${p}`, {
    method,
    headers: { "Content-Type": "application/json", "X-Requested-With": "fetch" },
    data: body ?? {},
  });
  if (!r.ok()) throw new Error(`${method} ${p}: ${r.status()} ${await r.text()}`);
  return r.status() === 204 ? null : r.json();
}

/** The desk's records, made once through the API whichever desk scenario runs first. */
let made = null;
async function deskData(page, base) {
  if (made) return made;
  const supplier = await api(page, base, "POST", "/suppliers", { name: SUPPLIER });
  const customer = await api(page, base, "POST", "/customers", { name: CUSTOMER });
  const lines = [{ weight: "1000.00", price_per_unit: "2.4500" }];
  const order = await api(page, base, "POST", "/purchase-orders", {
    supplier: supplier.id,
    order_date: dayFromToday(-2),
    pick_up_date: dayFromToday(1),
    delivery_date: dayFromToday(3),
    lines,
  });
  await api(page, base, "POST", `/purchase-orders/${order.id}/submit`);
  const invoice = await api(page, base, "POST", "/invoices", {
    customer: customer.id,
    invoice_date: dayFromToday(-40),
    due_date: dayFromToday(-10),
    lines,
  });
  await api(page, base, "POST", `/invoices/${invoice.id}/send`);
  const call = await api(page, base, "POST", "/scheduled-calls", {
    title: CALL,
    scheduled_at: `${dayFromToday(0)}T12:00:00Z`,
    customer: customer.id,
  });
  made = { supplier, customer, order, invoice, call, marked: false };
  return made;
}

export function deskScenarios({ expectText, shots, mock }) {
  return [
    {
      name: "desk-today-opens-overdue-invoice",
      needs: ["session", "resource invoices"],
      async run(page, { base, restart }) {
        const data = await deskData(page, base);
        if (!mock) {
          // Sent, and ten days past due: the daily job's run at start marks it overdue.
          await restart();
          const invoice = await api(page, base, "GET", `/invoices/${data.invoice.id}`);
          if (invoice.status !== "overdue")
            throw new Error(`the job at start left the invoice ${invoice.status}, not overdue`);
        }
        await page.goto(`${base}/`);
        await expectText(page.locator("h1"), /^Today/);
        const invoices = page.locator('[data-section="invoices_due"]');
        const row = invoices.locator("li", { hasText: data.invoice.invoice_number });
        await expectText(row, /Overdue: was due .* \(10 days ago\)/);
        await expectText(page.locator('[data-section="purchase_orders_awaiting_approval"]'), data.order.order_number);
        await expectText(page.locator('[data-section="calls_due"]'), CALL);
        // The navigation counts what Today holds.
        const badge = page.locator(".sidenav a", { hasText: "Today" }).locator(".nav-badge");
        await expectText(badge, /^\d+/);
        const total = await page.request.get(`${base}/api/v1/today?limit=0`).then((r) => r.json());
        await expectText(badge, new RegExp(`^${total.total > 99 ? "99\\+" : total.total}\\b`));
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(shots, "today.png"), fullPage: true });
        await row.getByRole("link", { name: data.invoice.invoice_number }).click();
        await page.waitForURL(new RegExp(`/invoices/${data.invoice.id}$`));
        await expectText(page.locator("h1"), data.invoice.invoice_number);
        await expectText(page.locator("h1 .badge"), /overdue/i);
      },
    },
    {
      name: "desk-ctrl-k-finds-purchase-order-by-supplier",
      needs: ["session", "resource purchase-orders"],
      async run(page, { base }) {
        const data = await deskData(page, base);
        // From anywhere: here a list page.
        await page.goto(`${base}/customers`);
        await page.locator("h1").waitFor();
        await page.keyboard.press("Control+K");
        const dialog = page.getByRole("dialog", { name: "Search everything" });
        await dialog.waitFor();
        const box = dialog.getByRole("combobox");
        await box.pressSequentially("Mesquite", { delay: 40 });
        const group = dialog.getByRole("group", { name: /^Purchase orders/ });
        const option = group.getByRole("option", { name: new RegExp(data.order.order_number) });
        await option.waitFor();
        // The suppliers' group comes first: walk down to the order with the arrows.
        const target = await option.getAttribute("id");
        for (let i = 0; i < 12 && (await box.getAttribute("aria-activedescendant")) !== target; i++)
          await page.keyboard.press("ArrowDown");
        if ((await box.getAttribute("aria-activedescendant")) !== target)
          throw new Error("the arrows never reached the purchase order");
        if ((await option.getAttribute("aria-selected")) !== "true")
          throw new Error("the active option is not selected");
        await page.screenshot({ path: path.join(shots, "search.png") });
        await page.keyboard.press("Enter");
        await page.waitForURL(new RegExp(`/purchase-orders/${data.order.id}$`));
        await expectText(page.locator("h1"), data.order.order_number);
        await dialog.waitFor({ state: "hidden" });
        // Esc closes it again.
        await page.keyboard.press("Control+K");
        await dialog.waitFor();
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "hidden" });
      },
    },
    {
      name: "desk-calls-calendar-week-and-month",
      needs: ["session"],
      async run(page, { base }) {
        const data = await deskData(page, base);
        await page.goto(`${base}/calendar`);
        await expectText(page.locator("h1"), "Scheduled calls");
        const call = page.getByRole("link", { name: new RegExp(CALL) });
        await call.waitFor();
        await page.getByRole("button", { name: "Month", exact: true }).click();
        await page.waitForURL(/view=month/);
        await call.waitFor();
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(shots, "calendar-month.png"), fullPage: true });
        // The month's title changes with the click; until it has, the table not yet busy is still
        // this month's, which shows today's call.
        const title = page.locator("h2.cal-title-range");
        const thisMonth = (await title.textContent()).trim();
        await page.getByRole("button", { name: "Next month" }).click();
        await page.waitForFunction(
          ([selector, before]) => document.querySelector(selector)?.textContent.trim() !== before,
          ["h2.cal-title-range", thisMonth],
        );
        await page.locator("table.cal-month:not(.busy)").waitFor();
        await page.waitForLoadState("networkidle");
        if (await call.count()) throw new Error("next month still shows today's call");
        await page.getByRole("button", { name: "Today", exact: true }).click();
        await call.waitFor();
        await page.getByRole("button", { name: "Week", exact: true }).click();
        await call.waitFor();
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(shots, "calendar.png"), fullPage: true });
        await call.click();
        await page.waitForURL(new RegExp(`/scheduled-calls/${data.call.id}$`));
        await expectText(page.locator("h1"), CALL);
      },
    },
    {
      name: "desk-assistant-off-without-a-failing-call",
      needs: ["session"],
      async run(page, { base, restart }) {
        if (mock) return;
        await restart({ OPENAI_API_KEY: undefined });
        const failed = [];
        const watch = (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.request().method()} ${r.url()}`);
        page.on("response", watch);
        try {
          await page.goto(`${base}/assistant`);
          await page
            .getByRole("heading", { name: "The assistant is not set up yet" })
            .waitFor()
            .catch(async (error) => {
              const seen = await page.locator("h1, h2, .banner").allInnerTexts();
              throw new Error(`${error.message.split("\n")[0]}; the page shows: ${seen.join(" | ")}`);
            });
          await page.waitForLoadState("networkidle");
        } finally {
          page.off("response", watch);
          // The scenarios after this one talk to the assistant again.
          await restart();
        }
        if (failed.length) throw new Error(`failed requests: ${failed.join(" | ")}`);
      },
    },
  ];
}
