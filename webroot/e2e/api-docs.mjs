// /api/docs as an integrator meets it: Swagger UI from the jar, under the service's own
// Content-Security-Policy, reading the served document. One scenario for e2e/run.mjs (it runs after
// "sign-in", so the browser holds a session cookie):
//   api-docs  the page renders operations and, expanded, an operation's response schema and the
//             models; "Try it out" creates a supplier as the signed-in person (cookie; the page's
//             request interceptor adds the X-Requested-With the API demands of cookie changes),
//             then, in a second browser with no cookie, a call answers 401 until an API token is
//             entered under "Authorize", then 200. No console error in either browser.
//             Screenshots: target/e2e/api-docs.png (an operation's response schema, unfolded),
//             api-docs-try-it-out.png (a call made as the signed-in person), api-docs-bearer.png.
import path from "node:path";
import { fileURLToPath } from "node:url";

const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../target/e2e");
const SUPPLIER = `Swagger Try-it-out Packing ${Date.now().toString(36)}`;

/** The operation block of METHOD PATH, found by its path (operationIds are the document's business). */
const operation = (page, method, apiPath) =>
  page.locator(`.opblock.opblock-${method}:has(.opblock-summary-path[data-path="${apiPath}"])`).first();

async function expand(block) {
  if (!(await block.evaluate((el) => el.classList.contains("is-open")))) {
    await block.locator(".opblock-summary").first().click();
  }
  await block.locator(".opblock-body").waitFor();
}

/** Try it out → Execute; answers the status the page shows for the live response. */
async function execute(block, body) {
  const tryIt = block.locator("button.try-out__btn");
  if ((await tryIt.textContent())?.includes("Try it out")) await tryIt.click();
  if (body !== undefined) await block.locator("textarea.body-param__text").fill(JSON.stringify(body));
  await block.locator("button.execute").click();
  const status = block.locator(".live-responses-table .response .response-col_status").first();
  await status.waitFor({ timeout: 20_000 });
  return (await status.textContent()).trim();
}

/**
 * Scrolls the whole page, pausing `pause` ms per step; adds every operation rendered on the way,
 * as "method path", to `seen`.
 */
async function walkOperations(page, seen, pause) {
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let steps = 0; steps < 2000; steps++) {
    const { ops, bottom } = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight * 0.8);
      return {
        ops: [...document.querySelectorAll(".opblock")].map(
          (el) =>
            `${el.querySelector(".opblock-summary-method")?.textContent.toLowerCase()} ${el.querySelector(".opblock-summary-path")?.dataset.path}`,
        ),
        bottom: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
      };
    });
    ops.forEach((op) => seen.add(op));
    if (bottom) {
      await page.waitForTimeout(300);
      const last = await page.evaluate(() =>
        [...document.querySelectorAll(".opblock")].map(
          (el) =>
            `${el.querySelector(".opblock-summary-method")?.textContent.toLowerCase()} ${el.querySelector(".opblock-summary-path")?.dataset.path}`,
        ),
      );
      last.forEach((op) => seen.add(op));
      const stillBottom = await page.evaluate(
        () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
      );
      if (stillBottom) return;
    }
    await page.waitForTimeout(pause);
  }
}

/**
 * Every operation Swagger UI renders. On a busy machine it may not have drawn a block before the
 * walk scrolls past it, so the walk repeats, slower each time, while any expected one is unseen.
 */
async function allOperations(page, expected) {
  const seen = new Set();
  for (const pause of [60, 300, 1000]) {
    await walkOperations(page, seen, pause);
    if (expected.every((op) => seen.has(op))) break;
  }
  return seen;
}

/** Types a tag into Swagger UI's filter box, so only that tag's operations are listed. */
async function filterByTag(page, tag) {
  await page.fill(".operation-filter-input", tag);
  await page.locator(`.opblock-tag[data-tag="${tag}"]`).waitFor();
  await page.locator(".opblock").first().waitFor();
}

async function waitRendered(page) {
  await page.locator("#swagger-ui .information-container .title").waitFor({ timeout: 30_000 });
  await page.locator(".opblock").first().waitFor();
}

/** Console errors and refused requests of a page, as the runner collects them for its own page. */
function watch(page) {
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/Failed to load resource/.test(msg.text())) errors.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

export const apiDocsScenario = {
  name: "api-docs",
  needs: ["session", "resource suppliers"],
  async run(page, system) {
    const { base } = system;
    const answer = await page.goto(`${base}/api/docs`);
    if (answer.status() !== 200) throw new Error(`/api/docs answered ${answer.status()}`);
    const csp = answer.headers()["content-security-policy"] ?? "";
    if (!/script-src 'self'(;|$)/.test(csp)) throw new Error(`/api/docs's CSP is not the service's own: ${csp}`);
    await waitRendered(page);
    // Every operation of the served document is on the page. Swagger UI renders only what is near
    // the viewport, so walk down the page collecting them.
    const document = await page.request.get(`${base}/api/openapi.json`).then((r) => r.json());
    const METHODS = ["get", "put", "post", "delete", "patch"];
    const expected = Object.entries(document.paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((k) => METHODS.includes(k))
        .map((m) => `${m} ${p}`),
    );
    const seen = await allOperations(page, expected);
    const absent = expected.filter((op) => !seen.has(op));
    if (absent.length)
      throw new Error(
        `Swagger UI shows ${seen.size} of ${expected.length} operations; absent: ${absent.slice(0, 5).join(", ")}`,
      );
    await page.evaluate(() => window.scrollTo(0, 0));
    await filterByTag(page, "suppliers");

    // An operation's response model, as a generated client would read it.
    const list = operation(page, "get", "/suppliers");
    await expand(list);
    const ok = list.locator(".responses-table:not(.live-responses-table) tr.response[data-code='200']");
    await ok.getByRole("tab", { name: "Schema" }).click();
    const model = ok.locator(".model-box");
    await model.waitFor();
    const title = (name) => model.locator(".json-schema-2020-12__title", { hasText: new RegExp(`^${name}$`) }).first();
    for (const field of ["count", "next", "previous", "results"]) await title(field).waitFor();
    // Unfold results: the Supplier model's own fields.
    const results = model
      .locator("li.json-schema-2020-12-property", {
        has: page.locator(".json-schema-2020-12__title", {
          hasText: /^results$/,
        }),
      })
      .first();
    await results.locator(".json-schema-2020-12-expand-deep-button").first().click();
    for (const field of ["name", "credit_limit"]) await title(field).waitFor();
    await ok.evaluate((row) => row.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(SHOTS, "api-docs.png") });
    // The models (components.schemas) are listed at the foot of the page, rendered as they scroll in.
    const firstModel = page.locator("section.models .models-virtual-item .json-schema-2020-12__title").first();
    await firstModel.waitFor();
    const modelName = (await firstModel.textContent()).trim();
    if (!(modelName in document.components.schemas))
      throw new Error(`the Schemas section starts with ${modelName}, not a schema of the document`);

    // Try it out as the signed-in person: a change, so the cookie alone is not enough.
    const create = operation(page, "post", "/suppliers");
    await expand(create);
    const created = await execute(create, { name: SUPPLIER, state: "TX" });
    if (created !== "201") throw new Error(`POST /suppliers from Swagger UI (cookie) answered ${created}`);
    const found = await page.request
      .get(`${base}/api/v1/suppliers?q=${encodeURIComponent(SUPPLIER)}`)
      .then((r) => r.json());
    if (found.count !== 1) throw new Error(`the supplier made in Swagger UI is listed ${found.count} times`);
    const listed = await execute(list);
    if (listed !== "200") throw new Error(`GET /suppliers from Swagger UI (cookie) answered ${listed}`);
    await list.locator(".live-responses-table").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "api-docs-try-it-out.png") });

    // An integrator's token, made the documented way (a signed-in person, POST /auth/tokens).
    const made = await page.request.post(`${base}/api/v1/auth/tokens`, {
      headers: { "X-Requested-With": "e2e" },
      data: { name: "Swagger UI e2e" },
    });
    if (made.status() !== 201) throw new Error(`POST /auth/tokens answered ${made.status()}`);
    const { token } = await made.json();

    // A browser that never signed in: 401, then Authorize with the token, then 200.
    const other = await system.isolatedBrowser();
    try {
      const fresh = await other.newPage();
      fresh.setDefaultTimeout(15_000);
      const errors = watch(fresh);
      await fresh.goto(`${base}/api/docs`);
      await waitRendered(fresh);
      await filterByTag(fresh, "auth");
      const me = operation(fresh, "get", "/auth/me");
      await expand(me);
      const anonymous = await execute(me);
      if (anonymous !== "401") throw new Error(`GET /auth/me without credentials answered ${anonymous}`);
      await fresh.locator(".auth-wrapper button.authorize").click();
      const dialog = fresh.locator(".dialog-ux .modal-ux");
      const bearer = dialog.locator(".auth-container", { has: fresh.locator("h4 code", { hasText: /^bearer$/ }) });
      await bearer.locator("#auth-bearer-value").fill(token);
      await bearer.locator("button.authorize").click();
      await bearer.locator("button", { hasText: "Logout" }).waitFor();
      await bearer.locator("button.btn-done").click();
      await me
        .locator("button.btn-clear")
        .click()
        .catch(() => undefined);
      const withToken = await execute(me);
      if (withToken !== "200") throw new Error(`GET /auth/me with the bearer token answered ${withToken}`);
      const body = await me.locator(".live-responses-table .response-col_description pre").first().textContent();
      if (!body.includes('"email"'))
        throw new Error(`GET /auth/me with the token showed no user: ${body.slice(0, 200)}`);
      await filterByTag(fresh, "suppliers");
      const suppliers = operation(fresh, "get", "/suppliers");
      await expand(suppliers);
      const tokenList = await execute(suppliers);
      if (tokenList !== "200") throw new Error(`GET /suppliers with the bearer token answered ${tokenList}`);
      await fresh.screenshot({ path: path.join(SHOTS, "api-docs-bearer.png"), fullPage: false });
      if (errors.length) throw new Error(`console errors (token browser): ${errors.slice(0, 3).join(" | ")}`);
    } finally {
      await other.close();
    }
  },
};
