// Checks the OpenAPI document as an integrator meets it, against the packaged jar on a free port
// with a fresh SQLite database (run by `mvn verify`, integration-test phase):
//   1. lint   /api/openapi.yaml with Redocly CLI's recommended rules (redocly.yaml);
//   2. generate  a TypeScript client's types from the served document (openapi-typescript);
//   3. typecheck integrator-story.ts against them with tsc (strict; tsconfig.json);
//   4. story  run it (openapi-fetch): the README's integrator story, as the owner that the jar's
//      create-user command made, through an API token.
// Any failure fails the build; every step runs, so one report shows them all.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const here = new URL(".", import.meta.url).pathname;
const bin = (name) => join(here, "node_modules", ".bin", name);
const jar = join(here, "..", "target", "projectmeats.jar");
const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
const dir = mkdtempSync(join(tmpdir(), "pm-contract-"));
const EMAIL = "integrator@contract.example";
const PASSWORD = "Ribeye-and-Sirloin-2026!";

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const env = { ...process.env, PORT: String(port), DATABASE_URL: `sqlite:${join(dir, "pm.db")}`, APP_ENV: "dev" };
const quiet = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
const results = [];

function step(name, command, args, options = {}) {
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: "inherit", cwd: here, ...options });
  const ok = run.status === 0;
  results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  if (!ok) console.error(`contract: ${name} failed (exit ${run.status ?? run.signal})`);
  return ok;
}

// The owner, made the documented way (docs/auth.md, "Bootstrap"): the jar's own command, which
// migrates the fresh database first.
const owner = spawnSync(
  java,
  ["-jar", jar, "create-user", "--email", EMAIL, "--company", "Contract Brokerage", "--role", "owner"],
  { env: { ...env, PROJECTMEATS_PASSWORD: PASSWORD }, encoding: "utf8", timeout: 180_000 },
);
if (owner.status !== 0) {
  console.error(`contract: create-user exited ${owner.status}: ${owner.stderr || owner.stdout}`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}

const app = spawn(java, ["-jar", jar], { env, stdio: ["ignore", "ignore", "inherit"] });
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 240) throw new Error("the jar did not become healthy within 120 s");
    await new Promise((r) => setTimeout(r, 500));
  }
  const yaml = await (await fetch(`${base}/api/openapi.yaml`)).text();
  const file = join(dir, "openapi.yaml");
  writeFileSync(file, yaml);
  console.log(`contract: /api/openapi.yaml is ${(yaml.length / 1024).toFixed(0)} kB`);

  console.log("contract: 1. Redocly lint (recommended rules)");
  step("lint", bin("redocly"), ["lint", file, "--config", join(here, "redocly.yaml"), "--format", "stylish"], {
    env: quiet,
  });

  console.log("contract: 2. openapi-typescript from the served document");
  const generated = step("generate", bin("openapi-typescript"), [
    `${base}/api/openapi.yaml`,
    "-o",
    join(here, "generated", "api.d.ts"),
  ]);

  console.log("contract: 3. tsc (strict) over integrator-story.ts and the generated types");
  const build = join(here, "build");
  rmSync(build, { recursive: true, force: true });
  const compiled =
    generated &&
    step("typecheck", bin("tsc"), ["-p", join(here, "tsconfig.json"), "--noEmit", "false", "--outDir", build]);

  console.log("contract: 4. the integrator story, with openapi-fetch");
  if (compiled) {
    step("story", process.execPath, [join(build, "integrator-story.js")], {
      env: { ...process.env, PM_BASE_URL: base, PM_EMAIL: EMAIL, PM_PASSWORD: PASSWORD },
    });
  } else {
    results.push({ name: "story", ok: false, seconds: "0.0" });
    console.error("contract: story not run: its client does not compile");
  }
} catch (error) {
  results.push({ name: "service", ok: false, seconds: "0.0" });
  console.error(`contract: ${error.message}`);
} finally {
  app.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
console.log(`contract: ${results.map((r) => `${r.name} ${r.ok ? "ok" : "FAILED"} (${r.seconds}s)`).join(", ")}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
