// Checks the OpenAPI document as an integrator meets it: starts the packaged jar on a free port
// with a fresh SQLite database, downloads /api/openapi.yaml and lints it with Redocly CLI's
// recommended rules (redocly.yaml). Any error fails the build.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const here = new URL(".", import.meta.url).pathname;
const jar = join(here, "..", "target", "projectmeats.jar");
const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
const dir = mkdtempSync(join(tmpdir(), "pm-contract-"));

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const app = spawn(java, ["-jar", jar], {
  env: { ...process.env, PORT: String(port), DATABASE_URL: `sqlite:${join(dir, "pm.db")}`, APP_ENV: "dev" },
  stdio: ["ignore", "ignore", "inherit"],
});
const base = `http://127.0.0.1:${port}`;
let failed = true;
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (i > 240) throw new Error("the jar did not become healthy within 120 s");
    await new Promise((r) => setTimeout(r, 500));
  }
  const yaml = await (await fetch(`${base}/api/openapi.yaml`)).text();
  const file = join(dir, "openapi.yaml");
  writeFileSync(file, yaml);
  console.log(`contract: /api/openapi.yaml is ${(yaml.length / 1024).toFixed(0)} kB; linting with Redocly (recommended rules)`);
  const lint = spawnSync(join(here, "node_modules", ".bin", "redocly"), ["lint", file, "--config", join(here, "redocly.yaml"), "--format", "stylish"],
    { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } });
  failed = lint.status !== 0;
} finally {
  app.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
