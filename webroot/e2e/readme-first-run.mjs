// The README's first command as a newcomer meets it: `java -jar target/projectmeats.jar` started in
// the repository root, whose webroot/ holds the React *sources* (a jar that served files from its
// working directory showed a blank page there). Two scenarios for e2e/run.mjs:
//   readme-first-run  the jar in the repository root, then sign-in → dashboard → a purchase order →
//                     the assistant in Chromium: no console error and no failed request (a signed-out
//                     visit included), a screenshot per step (target/e2e/readme-*.png);
//   readme-old-java   the same jar under a java older than 21 (the PATH's, else one under
//                     /usr/lib/jvm, or E2E_OLD_JAVA): one line naming the need and JAVA_HOME, exit 2,
//                     for every command.
// Only the port and the database differ from the README: a free port, and a fresh SQLite file in a
// temp dir, so a developer's ./data/ is neither read nor written.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const JAR = "target/projectmeats.jar"; // relative, as typed in the README, from the repository root
const SHOTS = path.join(root, "target/e2e");
const EMAIL = "newcomer@readme.example";
const PASSWORD = "Tenderloin-and-Flank-2026!";
/** Variables the README's first command leaves unset: the developer's shell must not change what is tested. */
const CONFIG = [
  "PORT",
  "DATABASE_URL",
  "APP_ENV",
  "APP_DOMAIN",
  "SECRET_KEY",
  "LOG_FORMAT",
  "CORS_ALLOWED_ORIGINS",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "OPENAI_MODEL",
  "OPENAI_MODELS",
  "JDK_JAVA_OPTIONS",
  "JAVA_TOOL_OPTIONS",
];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function javaMajor(java) {
  const r = spawnSync(java, ["-XshowSettings:properties", "-version"], { encoding: "utf8", timeout: 30_000 });
  const version = /java\.specification\.version = (\S+)/.exec(`${r.stderr}${r.stdout}`)?.[1];
  return version ? Number(version.replace(/^1\./, "").split(".")[0]) : null;
}

/** A JDK ≥ 21 to run the service with: JAVA_HOME's (mvn sets it to its own), else the PATH's. */
function goodJava() {
  const home = process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, "bin/java");
  return home && fs.existsSync(home) ? home : "java";
}

function oldJava() {
  const candidates = [
    process.env.E2E_OLD_JAVA,
    "java",
    ...fs
      .readdirSync("/usr/lib/jvm", { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `/usr/lib/jvm/${d.name}/bin/java`),
  ];
  for (const java of candidates.filter(Boolean)) {
    if (java !== "java" && !fs.existsSync(java)) continue;
    const major = javaMajor(java);
    if (major !== null && major < 21) return { java, major };
  }
  throw new Error(
    "no java older than 21 on this machine to check the jar's message with: install one (apt-get install openjdk-17-jre-headless) or set E2E_OLD_JAVA",
  );
}

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

function readmeEnv(extra) {
  const env = { ...process.env };
  for (const name of CONFIG) delete env[name];
  return { ...env, ...extra };
}

/** The jar, started in the repository root; resolves once /healthz answers 200. */
async function startInRepositoryRoot(env, logFile) {
  const out = fs.openSync(logFile, "a");
  const proc = spawn(goodJava(), ["-jar", JAR], { cwd: root, env, stdio: ["ignore", out, out] });
  const base = `http://127.0.0.1:${env.PORT}`;
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (proc.exitCode !== null)
      throw new Error(
        `the jar exited with ${proc.exitCode}: ${fs.readFileSync(logFile, "utf8").split("\n").slice(-5).join(" | ")}`,
      );
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, proc };
    await sleep(300);
  }
  proc.kill("SIGTERM");
  throw new Error(`${base}/healthz did not answer 200 within 120s`);
}

/** Every console error, uncaught error, failed request and error status the page meets. */
function watch(page) {
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.request().method()} ${r.url()}`));
  return problems;
}

async function step(page, problems, name) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(SHOTS, `readme-${name}.png`), fullPage: true });
  if (problems.length) throw new Error(`${name}: ${problems.slice(0, 4).join(" | ")}`);
}

const firstRun = {
  name: "readme-first-run",
  needs: [],
  async run(_page, { fake, isolatedBrowser }) {
    const hadData = fs.existsSync(path.join(root, "data"));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pm-readme-"));
    const env = readmeEnv({
      PORT: String(await freePort()),
      DATABASE_URL: `sqlite:${path.join(tmp, "projectmeats.db")}`,
      OPENAI_API_KEY: "sk-e2e-fake",
      OPENAI_BASE_URL: `http://127.0.0.1:${fake.port}/v1`,
    });
    const user = spawnSync(
      goodJava(),
      ["-jar", JAR, "create-user", "--email", EMAIL, "--company", "Readme Brokerage", "--role", "owner"],
      { cwd: root, env: { ...env, PROJECTMEATS_PASSWORD: PASSWORD }, encoding: "utf8", timeout: 120_000 },
    );
    if (user.status !== 0)
      throw new Error(`create-user exited ${user.status}: ${(user.stderr || user.stdout).trim().split("\n").pop()}`);
    const { base, proc } = await startInRepositoryRoot(env, path.join(tmp, "service.log"));
    const browser = await isolatedBrowser();
    try {
      const index = await fetch(`${base}/`).then((r) => r.text());
      if (index.includes("/src/main.tsx"))
        throw new Error("GET / answered the repository's source webroot/index.html, not the built app");

      const page = await browser.newPage();
      page.setDefaultTimeout(20_000);
      const problems = watch(page);
      // Signed out: the app asks who is signed in, and that question must not fail.
      await page.goto(`${base}/`);
      await page.waitForURL(/\/sign-in/);
      await page.locator("#email").waitFor();
      await step(page, problems, "1-sign-in");

      await page.fill("#email", EMAIL);
      await page.fill("#password", PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: /^Today/ }).waitFor();
      await page.locator(".today-section, .empty").first().waitFor();
      await page.getByRole("link", { name: "Dashboard", exact: true }).first().click();
      await page.getByRole("heading", { level: 1, name: /Dashboard/ }).waitFor();
      await page.locator(".kpi-value").first().waitFor();
      await step(page, problems, "2-dashboard");

      // The README's integrator example, sent by the signed-in browser; then opened in the app.
      const post = async (p, data) => {
        const r = await page.request.post(`${base}/api/v1${p}`, { data, headers: { "X-Requested-With": "fetch" } });
        if (!r.ok()) throw new Error(`POST ${p} answered ${r.status()}: ${await r.text()}`);
        return r.json();
      };
      const supplier = await post("/suppliers", {
        name: "Cactus Packing",
        state: "TX",
        payment_terms: "Wire",
        credit_limit: "Net 30",
      });
      const order = await post("/purchase-orders", {
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
        ],
      });
      await page.goto(`${base}/purchase-orders`);
      await page.getByRole("link", { name: order.order_number, exact: true }).first().click();
      await page.waitForURL(new RegExp(`/purchase-orders/${order.id}$`));
      await page.locator("h1", { hasText: order.order_number }).waitFor();
      await page.getByText("$78,400.00").first().waitFor();
      await step(page, problems, "3-purchase-order");

      await page.goto(`${base}/assistant`);
      await page.fill("#chat-input", "Which purchase orders are pending approval?");
      await page.keyboard.press("Enter");
      await page
        .locator(".msg-assistant")
        .last()
        .getByText(/pending approval/)
        .first()
        .waitFor({ timeout: 60_000 });
      await page.getByRole("button", { name: "■ Stop" }).waitFor({ state: "hidden", timeout: 60_000 });
      await step(page, problems, "4-assistant");
      if (!hadData && fs.existsSync(path.join(root, "data")))
        throw new Error("the run wrote ./data/ into the repository root");
    } finally {
      await browser.close();
      proc.kill("SIGTERM");
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once("exit", r)));
      if (!process.env.E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};

const oldJavaMessage = {
  name: "readme-old-java",
  needs: [],
  async run() {
    const { java, major } = oldJava();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pm-oldjava-"));
    const env = readmeEnv({
      DATABASE_URL: `sqlite:${path.join(tmp, "pm.db")}`,
      PORT: String(await freePort()),
      PROJECTMEATS_PASSWORD: PASSWORD,
    });
    const commands = [
      [],
      ["serve"],
      ["migrate"],
      ["create-user", "--email", EMAIL, "--company", "Old Java Co", "--role", "owner"],
      ["seed-demo", "--company", "Old Java Co"],
      ["--help"],
      ["no-such-command"],
    ];
    const wrong = [];
    try {
      for (const args of commands) {
        const r = spawnSync(java, ["-jar", JAR, ...args], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
        const said = `${r.stdout}${r.stderr}`.trim();
        const label = `java ${major} -jar ${JAR} ${args.join(" ")}`.trim();
        if (r.status !== 2) wrong.push(`${label}: exit ${r.status ?? r.signal}`);
        if (said.split("\n").length !== 1)
          wrong.push(`${label}: ${said.split("\n").length} lines (${said.split("\n")[0]})`);
        if (!/Java 21/.test(said) || !/JAVA_HOME/.test(said))
          wrong.push(`${label}: "${said.split("\n")[0]}" names neither Java 21 nor JAVA_HOME`);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    if (wrong.length) throw new Error(wrong.slice(0, 3).join(" | "));
  },
};

export const readmeScenarios = [firstRun, oldJavaMessage];
