#!/usr/bin/env node
// A visual tour against the mock API: screenshots of every page at laptop and tablet widths, in
// light and dark, under ../target/e2e/tour/, and a report of horizontal overflow and console
// errors. For looking at the app, not a pass/fail gate.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startMock } from "./mock-api.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "../../target/e2e/tour");
fs.mkdirSync(out, { recursive: true });
const mock = await startMock({ email: "owner@example.com", password: "correct horse battery" });
const base = `http://127.0.0.1:${mock.port}`;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "pm-tour-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1366, height: 860 },
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = context.pages()[0];
const problems = [];
page.on("console", (m) => m.type() === "error" && problems.push(`${page.url()}: ${m.text()}`));
page.on("pageerror", (e) => problems.push(`${page.url()}: uncaught ${e.message}`));
await page.goto(base + "/sign-in");
await page.screenshot({ path: path.join(out, "sign-in.png") });
await page.fill("#email", "owner@example.com");
await page.fill("#password", "correct horse battery");
await page.click("button[type=submit]");
await page.waitForSelector("h1:has-text('Today')");
// A little data to look at.
await page.evaluate(async () => {
  const h = { "Content-Type": "application/json", "X-Requested-With": "fetch" };
  const post = (p, b) =>
    fetch("/api/v1" + p, { method: "POST", headers: h, body: JSON.stringify(b) }).then((r) => r.json());
  const po = await post("/purchase-orders", {
    supplier: 101,
    order_date: "2026-11-20",
    lines: [{ description: "Chuck roll", weight: "32000.00", price_per_unit: "2.4500", quantity: 800 }],
  });
  await post(`/purchase-orders/${po.id}/submit`);
  await post("/sales-orders", {
    customer: 102,
    lines: [{ description: "Chuck roll", weight: "32000.00", price_per_unit: "2.6000" }],
  });
});
const pages = [
  "/",
  "/dashboard",
  "/suppliers",
  "/suppliers/new",
  "/suppliers/101",
  "/purchase-orders",
  "/purchase-orders/new",
  "/purchase-orders/104",
  "/sales-orders/105",
  "/assistant",
  "/documents",
  "/admin/members",
  "/admin/invitations",
  "/settings/tokens",
  "/profile",
  "/nowhere",
];
for (const [width, label] of [
  [1366, "laptop"],
  [820, "tablet"],
]) {
  for (const theme of ["light", "dark"]) {
    if (label === "tablet" && theme === "dark") continue;
    await page.setViewportSize({ width, height: 1000 });
    await page.evaluate((t) => localStorage.setItem("pm.theme", t), theme);
    for (const p of pages) {
      await page.goto(base + p);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(200);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) problems.push(`${label} ${p}: ${overflow}px horizontal overflow`);
      const name = `${label}-${theme}-${p.replace(/\//g, "_") || "_"}.png`;
      await page.screenshot({ path: path.join(out, name), fullPage: false });
    }
  }
}
await context.close();
fs.rmSync(profile, { recursive: true, force: true });
await mock.close();
console.log(problems.length ? problems.join("\n") : "no overflow, no console errors");
console.log(`screenshots in ${out}`);
