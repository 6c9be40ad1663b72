// The interactive reference: renders /api/openapi.json and lets a person try each call.
(async function () {
  const main = document.getElementById("ops");
  const spec = await (await fetch("/api/openapi.json")).json();
  const base = spec.servers[0].url;
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => (k === "class" ? (node.className = v) : node.setAttribute(k, v)));
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  };
  const byTag = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      (byTag[op.tags[0]] ||= []).push({ path, method, op });
    }
  }
  main.textContent = "";
  for (const tag of Object.keys(byTag).sort()) {
    main.append(el("h2", {}, tag.replace(/-/g, " ")));
    for (const { path, method, op } of byTag[tag]) {
      main.append(operation(path, method, op));
    }
  }

  function operation(path, method, op) {
    const params = (op.parameters || []).map((p) => (p.$ref ? resolve(p.$ref) : p));
    const inputs = {};
    const rows = params.map((p) => {
      inputs[p.name] = el("input", { placeholder: p.schema?.type || "" });
      return el("tr", {}, el("td", {}, `${p.name}${p.required ? " *" : ""}`), el("td", {}, p.in), el("td", {}, p.description || ""), el("td", {}, inputs[p.name]));
    });
    let body;
    if (op.requestBody && !op.requestBody.content["multipart/form-data"]) {
      const schema = op.requestBody.content["application/json"].schema;
      body = el("textarea", { rows: 8 }, JSON.stringify(example(schema.$ref ? resolve(schema.$ref) : schema), null, 2));
    }
    const out = el("pre", {}, "");
    const send = el("button", { type: "button" }, "Send");
    send.addEventListener("click", async () => {
      let url = base + path;
      const query = new URLSearchParams();
      const headers = { Accept: "application/json", "X-Requested-With": "fetch" };
      for (const p of params) {
        const v = inputs[p.name].value;
        if (!v) continue;
        if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(v));
        else if (p.in === "query") query.set(p.name, v);
        else if (p.in === "header") headers[p.name] = v;
      }
      const token = document.getElementById("token").value.trim();
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body) headers["Content-Type"] = "application/json";
      const q = query.toString();
      const response = await fetch(url + (q ? `?${q}` : ""), { method: method.toUpperCase(), headers, body: body ? body.value : undefined, credentials: "same-origin" });
      const text = await response.text();
      let shown = text;
      try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON */ }
      out.textContent = `${response.status} ${response.statusText}\n\n${shown}`;
    });
    return el("details", {},
      el("summary", {}, el("span", { class: `method ${method}` }, method.toUpperCase()), el("span", { class: "path" }, path), el("span", {}, op.summary), el("span", { class: "role" }, `role: ${op["x-required-role"]}`)),
      el("div", { class: "body" }, rows.length ? el("table", {}, el("tr", {}, el("th", {}, "name"), el("th", {}, "in"), el("th", {}, "meaning"), el("th", {}, "value")), rows) : "", body || "", send, out));
  }

  function resolve(ref) {
    return ref.replace(/^#\//, "").split("/").reduce((o, k) => o[k], spec);
  }

  function example(schema) {
    if (!schema || schema.type !== "object" || !schema.properties) return {};
    const out = {};
    for (const name of schema.required || []) {
      const p = schema.properties[name];
      out[name] = p.enum ? p.enum[0] : p.type === "integer" ? 1 : p.type === "boolean" ? false : p.examples ? p.examples[0] : "";
    }
    return out;
  }
})();
