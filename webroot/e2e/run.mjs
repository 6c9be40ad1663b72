#!/usr/bin/env node
// End-to-end run: the real jar on a fresh SQLite database, a fake OpenAI-compatible server on
// loopback, Debian's Chromium driven by playwright-core. Each scenario drives the web app as a
// person would, and keeps a screenshot under target/e2e/.
//
//   node e2e/run.mjs                 against ../target/projectmeats.jar (build it first)
//   node e2e/run.mjs --mock          against e2e/mock-api.mjs (the contract, in memory)
//   node e2e/run.mjs --only=assistant,stop
//
// Prints one line per scenario, then "N passed, N failed[, N skipped]"; exits 1 on any failure.
// A scenario whose backend piece is missing (404 route, unknown command) fails, unless that piece is
// listed in AWAITED below as still being built.
import { spawn, spawnSync } from "node:child_process";

/** Backend pieces still being built; a scenario that needs only these is skipped. Empty once all have landed. */
const AWAITED = new Set([]);
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startFakeOpenAi } from "./fake-openai.mjs";
import { makePdf } from "./pdf.mjs";
import { readmeScenarios } from "./readme-first-run.mjs";
import { paperworkScenarios } from "./paperwork.mjs";
import { sendPurchaseOrderScenario, startSmtpReceiver } from "./mail.mjs";
import { apiDocsScenario } from "./api-docs.mjs";
import { deskScenarios } from "./desk.mjs";
import { attachmentScenarios } from "./attachments.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const argv = process.argv.slice(2);
const flag = (name) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const MOCK = !!flag("mock");
const ONLY = flag("only")?.split("=")[1]?.split(",") ?? null;
const JAR = path.resolve(root, flag("jar")?.split("=")[1] ?? "target/projectmeats.jar");
const SHOTS = path.resolve(root, "target/e2e");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const JAVA = path.join(
  process.env.JAVA_HOME && fs.existsSync(path.join(process.env.JAVA_HOME, "bin/java"))
    ? process.env.JAVA_HOME
    : "/usr/lib/jvm/temurin-25-jdk-amd64",
  "bin/java",
);
const EMAIL = "owner@e2e.example";
const PASSWORD = "Brisket-and-Chuck-2026!";
const SUPPLIER = "Cactus Packing E2E";
const CUSTOMER = "Heartland Foods E2E";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(...a);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base, ms, proc) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc && proc.exitCode !== null) throw new Error(`the service exited with ${proc.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(300);
  }
  throw new Error(`${base}/healthz did not answer 200 within ${ms / 1000}s`);
}

// ---------------------------------------------------------------- the system under test
async function startSystem() {
  const fake = await startFakeOpenAi({ deltaDelayMs: 120 });
  if (MOCK) {
    const { startMock } = await import("./mock-api.mjs");
    const mock = await startMock({ email: EMAIL, password: PASSWORD });
    return {
      base: `http://127.0.0.1:${mock.port}`,
      fake,
      missing: new Set(),
      stop: async () => {
        await mock.close();
        await fake.close();
      },
    };
  }
  if (!fs.existsSync(JAR)) throw new Error(`${JAR} is missing: run 'mvn -B -q -ntp package -DskipTests' first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pm-e2e-"));
  const port = await freePort();
  const smtp = await startSmtpReceiver();
  const env = {
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: "Prairie Meats E2E <orders@e2e.example>",
    ...process.env,
    PORT: String(port),
    DATABASE_URL: `sqlite:${path.join(tmp, "projectmeats.db")}`,
    APP_ENV: "dev",
    LOG_FORMAT: "text",
    OPENAI_API_KEY: "sk-e2e-fake",
    OPENAI_BASE_URL: `http://127.0.0.1:${fake.port}/v1`,
    OPENAI_MODEL: "gpt-4o-mini",
  };
  delete env.OPENAI_MODELS;
  const missing = new Set();
  const bootstrap = spawnSync(
    JAVA,
    [
      "-jar",
      JAR,
      "create-user",
      "--email",
      EMAIL,
      "--password",
      PASSWORD,
      "--company",
      "Prairie Meats E2E",
      "--role",
      "owner",
    ],
    { env: { ...env, PROJECTMEATS_PASSWORD: PASSWORD }, encoding: "utf8", timeout: 120_000 },
  );
  if (bootstrap.status !== 0) {
    log(
      `  (create-user exited ${bootstrap.status}: ${(bootstrap.stderr || bootstrap.stdout || "").trim().split("\n").slice(-2).join(" | ")})`,
    );
    missing.add("create-user");
  }
  const logFile = path.join(tmp, "service.log");
  const base = `http://127.0.0.1:${port}`;
  const launch = async (overrides = {}) => {
    const out = fs.openSync(logFile, "a");
    const launched = { ...env, ...overrides };
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete launched[key];
    const started = spawn(JAVA, ["-jar", JAR], { env: launched, stdio: ["ignore", out, out] });
    try {
      await waitHealthy(base, 120_000, started);
    } catch (error) {
      log(fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n"));
      started.kill("SIGTERM");
      throw error;
    }
    return started;
  };
  const halt = async (running) => {
    running.kill("SIGTERM");
    await new Promise((r) => (running.exitCode !== null ? r() : running.once("exit", r)));
  };
  let proc = await launch();
  if (missing.has("create-user")) missing.add("session");
  return {
    base,
    fake,
    missing,
    logFile,
    smtp,
    /** The same database, port and data dir, started again (what runs at start runs again); env overrides for this start. */
    restart: async (overrides = {}) => {
      await halt(proc);
      proc = await launch(overrides);
    },
    stop: async () => {
      await smtp.close();
      await halt(proc);
      await fake.close();
      if (!process.env.E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** What the backend can do, asked once signed in: a scenario needing a missing piece is skipped. */
async function probe(request, base, missing) {
  const ok = async (p) => {
    try {
      const r = await request.get(base + p);
      return r.status() !== 404 && r.status() !== 405;
    } catch {
      return false;
    }
  };
  const meta = await request
    .get(`${base}/api/v1/meta/resources`)
    .then((r) => (r.ok() ? r.json() : null))
    .catch(() => null);
  const names = new Set((meta?.resources ?? []).map((r) => r.name));
  for (const name of ["suppliers", "customers", "purchase-orders", "payments"])
    if (!names.has(name)) missing.add(`resource ${name}`);
  if (!(await ok("/api/v1/reports/dashboard"))) missing.add("reports");
  if (!(await ok("/api/v1/assistant/sessions"))) missing.add("assistant");
  if (!(await ok("/api/v1/documents"))) missing.add("documents");
  return meta;
}

// ---------------------------------------------------------------- form helpers
const SAMPLE = {
  text: "E2E",
  textarea: "Entered by the end-to-end run",
  email: "e2e@example.com",
  phone: "+1 555 0100",
  integer: "1",
  decimal: "1.00",
  money: "1.00",
  date: "2026-11-20",
  datetime: "2026-11-20T10:00",
};

async function setField(page, id, field, value) {
  const el = page.locator(`#${id}`);
  switch (field.type) {
    case "choice":
      await el.selectOption(value ?? field.choices[0]);
      break;
    case "reference": {
      await page.waitForFunction(
        (sel) =>
          document.querySelector(sel)?.options.length > 1 ||
          document.querySelector(sel)?.getAttribute("aria-busy") === "false",
        `#${id}`,
        { timeout: 15_000 },
      );
      if (value) await el.selectOption({ label: value });
      else await el.selectOption({ index: 1 });
      break;
    }
    case "boolean":
      if (value) await el.check();
      break;
    case "choices":
      await el.locator("input[type=checkbox]").first().check();
      break;
    default:
      await el.fill(
        String(
          value ??
            (field.type === "text"
              ? `${SAMPLE.text} ${field.label}`.slice(0, field.max_length ?? 200)
              : (SAMPLE[field.type] ?? "E2E")),
        ),
      );
  }
}

/** Fills the required fields (and the overrides) of a generated form; ids are `${prefix}${name}`. */
async function fillForm(page, fields, overrides = {}, prefix = "f-") {
  for (const field of fields) {
    if (field.read_only) continue;
    if (!(field.name in overrides) && !field.required) continue;
    await setField(page, `${prefix}${field.name}`, field, overrides[field.name]);
  }
}

async function fillLine(page, child, index, overrides) {
  for (const field of child.fields) {
    if (field.read_only) continue;
    if (!(field.name in overrides) && !field.required) continue;
    await setField(page, `${child.name}-${index}-${field.name}`, field, overrides[field.name]);
  }
}

/** The actions that lead from `from` to `to`, by the metadata's workflow. */
function actionPath(meta, from, to) {
  const queue = [[from, []]];
  const seen = new Set([from]);
  while (queue.length) {
    const [status, path] = queue.shift();
    if (status === to) return path;
    for (const action of meta.actions ?? []) {
      if (action.name === "cancel" || !action.from.includes(status) || seen.has(action.to)) continue;
      seen.add(action.to);
      queue.push([action.to, [...path, action]]);
    }
  }
  return null;
}

const expectText = async (locator, pattern, timeout = 15_000) => {
  await locator.first().waitFor({ timeout });
  const until = Date.now() + timeout;
  let text = "";
  while (Date.now() < until) {
    text = (await locator.first().innerText()).trim();
    if (pattern instanceof RegExp ? pattern.test(text) : text.includes(pattern)) return text;
    await sleep(150);
  }
  throw new Error(`expected ${pattern} but saw "${text.slice(0, 200)}"`);
};

// ---------------------------------------------------------------- scenarios
const state = { meta: null, poUrl: null };
const metaOf = (name) => state.meta?.resources.find((r) => r.name === name);

const scenarios = [
  {
    name: "sign-in",
    needs: ["create-user", "auth"],
    async run(page, { base }) {
      await page.goto(base + "/");
      await page.waitForURL(/\/sign-in/);
      await page.fill("#email", EMAIL);
      await page.fill("#password", PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      // The broker's desk is the first page after sign-in.
      await expectText(page.locator("h1"), /^Today/);
      await page.locator(".topbar").getByText("Sign out").waitFor();
    },
  },
  {
    name: "create-supplier-and-customer",
    needs: ["session", "resource suppliers", "resource customers"],
    async run(page, { base }) {
      for (const [resource, name] of [
        ["suppliers", SUPPLIER],
        ["customers", CUSTOMER],
      ]) {
        const meta = metaOf(resource);
        await page.goto(`${base}/${resource}/new`);
        await fillForm(page, meta.fields, { [meta.display_field]: name });
        await page.getByRole("button", { name: `Create ${meta.singular.toLowerCase()}` }).click();
        await page.waitForURL(new RegExp(`/${resource}/(?!new$)[^/]+$`));
        await expectText(page.locator("h1"), name);
      }
      await page.goto(`${base}/suppliers?q=${encodeURIComponent("Cactus")}`);
      await expectText(page.locator("table"), SUPPLIER);
    },
  },
  {
    name: "purchase-order-two-lines-approve",
    needs: ["session", "resource suppliers", "resource purchase-orders"],
    async run(page, { base }) {
      const meta = metaOf("purchase-orders");
      const child = meta.children?.[0];
      if (!child) throw new Error("purchase-orders has no lines in the metadata");
      await page.goto(`${base}/purchase-orders/new`);
      await fillForm(page, meta.fields, { supplier: SUPPLIER });
      const line = (weight, price, description) => {
        const values = { weight, price_per_unit: price };
        if (child.fields.some((f) => f.name === "description")) values.description = description;
        if (child.fields.some((f) => f.name === "quantity")) values.quantity = "800";
        return values;
      };
      await fillLine(page, child, 0, line("32000.00", "2.4500", "Beef chuck roll, choice"));
      await expectText(page.getByTestId("line-total-0"), "$78,400.00");
      await page.getByRole("button", { name: "+ Add line" }).click();
      await fillLine(page, child, 1, line("1000", "1.005", "Beef brisket"));
      await expectText(page.getByTestId("line-total-1"), "$1,005.00");
      await expectText(page.getByTestId("order-total"), "$79,405.00");
      await page.getByRole("button", { name: `Create ${meta.singular.toLowerCase()}` }).click();
      await page.waitForURL(/\/purchase-orders\/(?!new$)[^/]+$/);
      state.poUrl = page.url();
      const id = state.poUrl.split("/").pop();
      const record = await page.request.get(`${base}/api/v1/purchase-orders/${id}`).then((r) => r.json());
      const steps = actionPath(meta, record[meta.status_field], "approved");
      if (!steps) throw new Error(`no workflow path from ${record[meta.status_field]} to approved`);
      for (const action of steps) {
        await page.getByRole("button", { name: action.label, exact: true }).click();
        await expectText(page.locator("h1 .badge"), new RegExp(action.to.replace(/_/g, " "), "i"));
      }
      await expectText(page.locator("h1 .badge"), /approved/i);
    },
  },
  {
    name: "partial-payment-changes-outstanding",
    needs: ["session", "resource purchase-orders", "resource payments"],
    async run(page) {
      if (!state.poUrl) throw new Error("no purchase order from the previous scenario");
      await page.goto(state.poUrl);
      await expectText(page.getByTestId("outstanding-amount"), "$79,405.00");
      await page.fill("#pay-amount", "20000.00");
      await page.selectOption("#pay-method", "wire");
      await page.fill("#pay-ref", "FED-88121");
      await page.getByRole("button", { name: "Record payment" }).click();
      await expectText(page.getByTestId("outstanding-amount"), "$59,405.00");
      await expectText(page.locator("#payments-title").locator("xpath=..").locator(".badge"), /partial/i);
    },
  },
  {
    name: "dashboard-and-every-resource-renders",
    needs: ["session", "reports"],
    async run(page, { base }) {
      await page.goto(`${base}/dashboard`);
      await page.getByRole("heading", { name: "Revenue, cost and margin per month" }).waitFor();
      await page.getByRole("heading", { name: "Receivables aging" }).waitFor();
      await page.locator(".kpi-value").first().waitFor();
      if (await page.locator(".banner-error").count())
        throw new Error(`dashboard: ${await page.locator(".banner-error").first().innerText()}`);
      // Every resource of the catalogue through the generic pages: the list, then the empty form.
      for (const resource of state.meta?.resources ?? []) {
        await page.goto(`${base}/${resource.name}`);
        await expectText(page.locator("h1"), resource.label);
        await page.locator("table, .empty").first().waitFor();
        if (await page.locator(".banner-error").count())
          throw new Error(`${resource.name} list: ${await page.locator(".banner-error").first().innerText()}`);
        await page.goto(`${base}/${resource.name}/new`);
        await page.locator("form.record-form").waitFor();
        await page.waitForLoadState("networkidle");
        const failed = await page.locator("select[aria-busy] option:first-child").allInnerTexts();
        if (failed.includes("Could not load the list"))
          throw new Error(`${resource.name} form: a reference list failed to load`);
      }
    },
  },
  {
    name: "invite-signup-roles-and-api-token",
    needs: ["session", "auth", "resource purchase-orders"],
    async run(page, { base, isolatedBrowser }) {
      // The owner invites a buyer as a user…
      await page.goto(`${base}/admin/invitations`);
      await page.fill("#inv-email", "buyer@e2e.example");
      await page.selectOption("#inv-role", "user");
      await page.getByRole("button", { name: "Send invitation" }).click();
      const link = await page.locator("#invite-link").inputValue({ timeout: 10_000 });
      // …who signs up from the link in a browser of their own.
      const buyer = await isolatedBrowser();
      const other = await buyer.newPage();
      await other.goto(link);
      await other.fill("#su-name", "Bea Buyer");
      await other.fill("#su-password", "Ribeye-and-Flank-2026!");
      await other.fill("#su-confirm", "Ribeye-and-Flank-2026!");
      await other.getByRole("button", { name: "Create account" }).click();
      await expectText(other.locator("h1"), /^Today/);
      // A user may not approve: the button is there but disabled, and says why.
      if (state.poUrl) {
        await other.goto(state.poUrl);
        await other.locator("h1").waitFor();
        const approve = other.getByRole("button", { name: /Approve|Ship/ }).first();
        if ((await approve.count()) && !(await approve.isDisabled()) && (await approve.innerText()).includes("Approve"))
          throw new Error("a user could press Approve");
      }
      await buyer.close();
      // The owner sees the new member and makes them readonly.
      await page.goto(`${base}/admin/members`);
      const row = page.locator("tr", { hasText: "buyer@e2e.example" });
      await row.waitFor();
      await row.locator("select").selectOption("readonly");
      await page.waitForLoadState("networkidle");
      await page.reload();
      if ((await page.locator("tr", { hasText: "buyer@e2e.example" }).locator("select").inputValue()) !== "readonly")
        throw new Error("the role change did not stick");
      // An API token: shown once, and it works as a bearer token.
      await page.goto(`${base}/settings/tokens`);
      await page.fill("#tok-name", "Accounting export");
      await page.getByRole("button", { name: "Create token" }).click();
      const secret = await page.locator("#new-token").inputValue({ timeout: 10_000 });
      const answer = await fetch(`${base}/api/v1/suppliers?page_size=1`, {
        headers: { Authorization: `Bearer ${secret}` },
      });
      if (answer.status !== 200) throw new Error(`the new token was refused: ${answer.status}`);
      await page.reload();
      if (await page.locator("#new-token").count()) throw new Error("the secret is still shown after a reload");
      await page.locator("td", { hasText: "Accounting export" }).waitFor();
    },
  },
  {
    name: "assistant-streams-text-before-done",
    needs: ["session", "assistant"],
    async run(page, { base }) {
      await page.goto(`${base}/assistant`);
      await page.fill("#chat-input", "Which purchase orders are pending approval?");
      await page.keyboard.press("Enter");
      const answer = page.locator(".msg-assistant").last();
      const stop = page.getByRole("button", { name: "■ Stop" });
      let sawPartial = false;
      const until = Date.now() + 30_000;
      while (Date.now() < until && !sawPartial) {
        const text = (await answer.innerText().catch(() => "")).replace("Thinking…", "").trim();
        if (text.length > 0 && (await stop.isVisible())) sawPartial = true;
        else await sleep(50);
      }
      if (!sawPartial) throw new Error("no text appeared while the answer was still streaming");
      await page.screenshot({ path: path.join(SHOTS, "assistant-mid-stream.png") });
      await stop.waitFor({ state: "hidden", timeout: 60_000 });
      await expectText(answer, /pending approval/);
      await answer.locator(".markdown table").waitFor({ timeout: 5000 });
      await page.getByRole("button", { name: "↻ Regenerate" }).waitFor();
    },
  },
  {
    name: "assistant-stop-long-answer",
    needs: ["session", "assistant"],
    async run(page, { base, fake }) {
      await page.goto(`${base}/assistant`);
      await page.fill("#chat-input", "Write a long essay about everything in the cattle cycle");
      await page.getByRole("button", { name: "Send" }).click();
      const answer = page.locator(".msg-assistant").last();
      await expectText(answer.locator(".markdown"), /Point 2/, 30_000);
      const disconnectsBefore = fake.stats.disconnects;
      const stoppedAt = Date.now();
      await page.getByRole("button", { name: "■ Stop" }).click();
      await answer.locator(".msg-problem-stopped").waitFor({ timeout: 5000 });
      const length = (await answer.innerText()).length;
      await sleep(1500);
      if ((await answer.innerText()).length !== length) throw new Error("text kept arriving after Stop");
      if (!MOCK) {
        while (fake.stats.disconnects === disconnectsBefore && Date.now() - stoppedAt < 3000) await sleep(100);
        if (fake.stats.disconnects === disconnectsBefore)
          throw new Error("the upstream model request was not closed within 3 s of Stop");
      }
    },
  },
  {
    name: "document-upload-review-accept",
    needs: ["session", "documents", "resource purchase-orders"],
    async run(page, { base }) {
      const pdf = makePdf([
        "PURCHASE ORDER PO-4471",
        `Supplier: ${SUPPLIER}`,
        "Order date: 2026-11-20",
        "Beef chuck roll, choice  800 cs  32000.00 LBS  @ 2.4500 /LB  78400.00",
        "Beef brisket  40 cs  1600.00 LBS  @ 3.1000 /LB  4960.00",
        "Total: 83360.00",
      ]);
      await page.goto(`${base}/documents`);
      await page.selectOption("#doc-target", "purchase-orders");
      await page.setInputFiles("#doc-file", { name: "po-4471.pdf", mimeType: "application/pdf", buffer: pdf });
      await page.waitForURL(/\/documents\/[^/]+$/, { timeout: 30_000 });
      const accept = page.getByRole("button", { name: /^Accept and create/ });
      await accept.waitFor({ timeout: 90_000 });
      await page.locator(".pdf-pages canvas").first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(SHOTS, "document-review.png"), fullPage: true });
      // Whatever the extraction could not fill, the reviewer does — as a broker would.
      const meta = metaOf("purchase-orders");
      for (const field of meta.fields.filter((f) => f.required && !f.read_only)) {
        const el = page.locator(`#d-${field.name}`);
        if ((await el.count()) && !(await el.inputValue().catch(() => "x")))
          await setField(page, `d-${field.name}`, field, field.name === "supplier" ? SUPPLIER : undefined);
      }
      await accept.click();
      const open = page.getByRole("link", { name: /^Open the / });
      await open.waitFor({ timeout: 15_000 }).catch(async () => {
        throw new Error(
          `accept failed: ${await page
            .locator(".banner-error")
            .first()
            .innerText()
            .catch(() => "no message")}`,
        );
      });
      await open.click();
      await page.waitForURL(/\/purchase-orders\/[^/]+$/);
      await page.locator("h1").waitFor();
    },
  },
  ...readmeScenarios,
  sendPurchaseOrderScenario(state, { expectText }),
];

scenarios.push(...paperworkScenarios);
scenarios.push(apiDocsScenario);
scenarios.push(...deskScenarios({ expectText, shots: SHOTS, mock: MOCK }));
scenarios.push(...attachmentScenarios({ expectText, shots: SHOTS, mock: MOCK }));

// ---------------------------------------------------------------- runner
async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  log(`e2e: ${MOCK ? "mock API" : JAR} · Chromium ${CHROMIUM}`);
  const system = await startSystem();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "pm-chromium-"));
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 900 },
    args,
  });
  // A second person needs a browser of their own (own cookies): a separate Chromium, its own temp profile.
  system.isolatedBrowser = async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    return { newPage: () => ctx.newPage(), close: () => browser.close() };
  };
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  let consoleErrors = [];
  page.on("console", (msg) => {
    // A failed request is reported by the test that made it; script errors and CSP refusals are the app's fault.
    if (msg.type() === "error" && !/Failed to load resource/.test(msg.text())) consoleErrors.push(msg.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));

  const login = await fetch(`${system.base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Requested-With": "fetch" },
    body: "{}",
  }).catch(() => null);
  if (!login || login.status === 404) system.missing.add("auth");
  const results = [];
  let probed = false;
  let index = 0;
  for (const scenario of scenarios) {
    index++;
    if (ONLY && !ONLY.some((o) => scenario.name.includes(o)) && scenario.name !== "sign-in") continue;
    if (!probed && scenario.name !== "sign-in") {
      state.meta = await probe(page.request, system.base, system.missing);
      probed = true;
    }
    const lacking = scenario.needs.filter((n) => system.missing.has(n));
    // Every piece of the backend is in the jar: a missing one is a broken build, not a reason to skip.
    const mayWait = lacking.length > 0 && lacking.every((n) => AWAITED.has(n));
    if (lacking.length && !mayWait) {
      results.push({ name: scenario.name, status: "failed" });
      log(`FAIL ${scenario.name} — the jar lacks: ${lacking.join(", ")}`);
      continue;
    }
    if (mayWait) {
      results.push({ name: scenario.name, status: "skipped", reason: `awaits backend: ${lacking.join(", ")}` });
      log(`SKIP ${scenario.name} — awaits backend: ${lacking.join(", ")}`);
      continue;
    }
    consoleErrors = [];
    const started = Date.now();
    let error = null;
    try {
      await scenario.run(page, system);
      if (consoleErrors.length) throw new Error(`console errors: ${consoleErrors.slice(0, 3).join(" | ")}`);
    } catch (e) {
      error = e;
    }
    const overflow = await page
      .evaluate(() => {
        const width = window.innerWidth;
        if (document.documentElement.scrollWidth <= width + 1) return null;
        const culprit = [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .filter((el) => !el.closest(".table-wrap") || el.classList.contains("table-wrap"))
          .pop();
        return `${document.documentElement.scrollWidth - width}px, ${culprit ? culprit.tagName.toLowerCase() + "." + [...culprit.classList].join(".") : "?"}`;
      })
      .catch(() => null);
    if (overflow) log(`     warning: the page overflows sideways by ${overflow}`);
    const shot = path.join(SHOTS, `${String(index).padStart(2, "0")}-${scenario.name}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (error) {
      results.push({ name: scenario.name, status: "failed" });
      log(
        `FAIL ${scenario.name} (${seconds}s) — ${String(error.message ?? error).split("\n")[0]}\n     screenshot: ${path.relative(process.cwd(), shot)}`,
      );
    } else {
      results.push({ name: scenario.name, status: "passed" });
      log(`PASS ${scenario.name} (${seconds}s)`);
    }
  }
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  await system.stop();
  const count = (s) => results.filter((r) => r.status === s).length;
  const skipped = count("skipped");
  log(`${count("passed")} passed, ${count("failed")} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return count("failed") === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`e2e could not run: ${error.message}`);
    log("0 passed, 1 failed");
    process.exit(1);
  },
);
