// An OpenAI-compatible chat-completions server on loopback for the e2e run: it streams its
// answers slowly (so a test can see text before the answer completes, and stop it), and answers
// structured-output requests (document extraction) with an object built from the asked schema.
import http from "node:http";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Fills a JSON schema with plausible values: field names decide what a broker's draft holds. */
export function sample(schema, name = "", defs = schema?.$defs ?? schema?.definitions ?? {}) {
  if (!schema || typeof schema !== "object") return null;
  if (schema.$ref) return sample(defs[schema.$ref.split("/").pop()], name, defs);
  for (const key of ["anyOf", "oneOf"]) {
    if (schema[key]) return sample(schema[key].find((s) => s.type !== "null") ?? schema[key][0], name, defs);
  }
  if (schema.enum) {
    const preferred = schema.enum.find((v) => /purchase/i.test(String(v)));
    return preferred ?? schema.enum.find((v) => v !== null) ?? null;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  const n = name.toLowerCase();
  switch (type) {
    case "object": {
      const out = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) out[key] = sample(sub, key, defs);
      return out;
    }
    case "array":
      return n.includes("line")
        ? [sample(schema.items, n, defs), sample(schema.items, n, defs)]
        : [sample(schema.items, n, defs)].filter((v) => v !== null);
    case "integer":
      return n.includes("quantity") ? 800 : n === "supplier" || n.endsWith("_id") ? null : 1;
    case "number":
      return n.includes("price") ? 2.45 : n.includes("weight") ? 32000 : 1;
    case "boolean":
      return false;
    case "string":
      if (n.includes("date")) return "2026-11-20";
      if (n.includes("email")) return "orders@cactus.example";
      if (n.includes("price")) return "2.4500";
      if (n.includes("weight") && !n.includes("unit")) return "32000.00";
      if (n.includes("amount") || n.includes("total")) return "78400.00";
      if (n.includes("quantity")) return "800";
      if (n.includes("description")) return "Beef chuck roll, choice";
      if (n.includes("name")) return "Cactus Packing";
      if (n.includes("number")) return "PO-4471";
      if (n.includes("flag") || n.includes("reason")) return "";
      return "Extracted from the document";
    default:
      return null;
  }
}

const SHORT =
  "**Three** purchase orders are pending approval:\n\n| Order | Supplier | Total |\n|---|---|---|\n| 10234 | Cactus Packing | $78,400.00 |\n| 10235 | Tyson | $12,000.00 |\n\nApprove them from each order's page.";
const LONG = Array.from(
  { length: 400 },
  (_, i) => `Point ${i + 1}: beef and pork prices move with the cattle cycle.`,
).join(" ");

function chunks(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function startFakeOpenAi({ port = 0, deltaDelayMs = 120 } = {}) {
  const stats = { requests: 0, streams: 0, disconnects: 0, lastDisconnectAt: 0, bodies: [] };
  const server = http.createServer(async (req, res) => {
    let raw = "";
    for await (const piece of req) raw += piece;
    stats.requests++;
    if (req.method === "GET" && req.url.endsWith("/models")) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [{ id: "gpt-4o-mini", object: "model" }] }));
      return;
    }
    if (!req.url.endsWith("/chat/completions")) {
      res.writeHead(404, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    let body = {};
    try {
      body = JSON.parse(raw);
    } catch {
      /* answered below */
    }
    stats.bodies.push(body);
    const messages = body.messages ?? [];
    const lastUser = [...messages].reverse().find((m) => m.role === "user");
    const question = typeof lastUser?.content === "string" ? lastUser.content : JSON.stringify(lastUser?.content ?? "");
    const schema = body.response_format?.json_schema?.schema;
    const id = `chatcmpl-${stats.requests}`;
    const created = Math.floor(Date.now() / 1000);

    if (!body.stream) {
      const content = schema ? JSON.stringify(sample(schema)) : SHORT;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model: body.model ?? "gpt-4o-mini",
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage: { prompt_tokens: 120, completion_tokens: 80, total_tokens: 200 },
        }),
      );
      return;
    }

    stats.streams++;
    let closed = false;
    res.on("close", () => {
      if (!res.writableEnded) {
        closed = true;
        stats.disconnects++;
        stats.lastDisconnectAt = Date.now();
      }
    });
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" });
    const send = (obj) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
    const base = { id, object: "chat.completion.chunk", created, model: body.model ?? "gpt-4o-mini" };
    send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
    // Structured outputs (document drafts) come streamed too: the sampled object's JSON, quickly.
    const structured = !!schema;
    const text = structured ? JSON.stringify(sample(schema)) : /long|essay|everything/i.test(question) ? LONG : SHORT;
    for (const piece of chunks(text, structured ? 256 : 12)) {
      if (closed) return;
      await sleep(structured ? 5 : deltaDelayMs);
      if (closed) return;
      send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
    }
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
    send({
      ...base,
      choices: [],
      usage: {
        prompt_tokens: 150,
        completion_tokens: Math.ceil(text.length / 4),
        total_tokens: 150 + Math.ceil(text.length / 4),
      },
    });
    res.end("data: [DONE]\n\n");
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () =>
      resolve({
        server,
        port: server.address().port,
        stats,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      }),
    );
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakeOpenAi({ port: Number(process.env.PORT ?? 0) });
  console.log(`fake OpenAI on http://127.0.0.1:${fake.port}/v1`);
}
