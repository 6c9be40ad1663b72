// End-to-end: the company letterhead, a purchase order's PDF downloaded from its page and read
// back (pdf.js, the same library the app uses for previews), and a filtered list exported to CSV
// and XLSX from the Export menu and opened (CSV parsed by RFC 4180, XLSX unzipped and its sheet
// and styles XML read), each compared with what the API's list shows for the same filters.
import fs from "node:fs";
import zlib from "node:zlib";

const LEGAL = "Prairie Meats Brokerage, LLC — Zoë";
const REMIT = "Wire to First Plains Bank, ABA 111000025";

async function api(page, method, path, body) {
  const r = await page.request.fetch(path, {
    method,
    headers: { "Content-Type": "application/json", "X-Requested-With": "e2e" },
    data: body,
  });
  if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
  return r.json();
}

async function downloadBy(page, click) {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), click()]);
  const file = await download.path();
  if (!file) throw new Error(`download ${download.suggestedFilename()} failed: ${await download.failure()}`);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

// ---- a PNG made here (no image library): 60×20 dark red, zlib-compressed rows with CRC'd chunks
function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2; // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) rows.set([0x8b, 0, 0], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---- reading the downloads
async function pdfText(bytes) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  let text = "";
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => i.str).join(" ") + "\n";
  }
  return text.replace(/\s+/g, " ");
}

function parseCsv(text) {
  const rows = [];
  let row = [],
    field = "",
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (c === "\n") throw new Error(`a bare LF at ${i}: not RFC 4180`);
    else field += c;
  }
  if (field || row.length) throw new Error("the CSV does not end with CRLF");
  return rows;
}

/** The files of a zip (what an .xlsx is), from its central directory. */
function unzip(buf) {
  const files = {};
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip: no end of central directory");
  let at = buf.readUInt32LE(end + 16);
  for (let n = buf.readUInt16LE(end + 10); n > 0; n--) {
    const method = buf.readUInt16LE(at + 10),
      size = buf.readUInt32LE(at + 20),
      nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30),
      comment = buf.readUInt16LE(at + 32),
      local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files[name] = (method === 8 ? zlib.inflateRawSync(data) : data).toString("utf8");
    at += 46 + nameLen + extra + comment;
  }
  return files;
}

const unescapeXml = (s) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** Rows of the first sheet as {ref: {type, value, style}} by row number; text is inline or shared. */
function readSheet(files) {
  const shared = [...(files["xl/sharedStrings.xml"] ?? "").matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    unescapeXml([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join("")),
  );
  const rows = [];
  for (const r of files["xl/worksheets/sheet1.xml"].matchAll(/<row [^>]*>(.*?)<\/row>/gs)) {
    const cells = {};
    for (const c of r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const attrs = c[2],
        inner = c[3] ?? "";
      const type = /t="(\w+)"/.exec(attrs)?.[1] ?? "n";
      const style = Number(/s="(\d+)"/.exec(attrs)?.[1] ?? 0);
      const value =
        type === "inlineStr"
          ? unescapeXml(/<t[^>]*>(.*?)<\/t>/s.exec(inner)?.[1] ?? "")
          : type === "s"
            ? shared[Number(/<v>(.*?)<\/v>/.exec(inner)[1])]
            : /<v>(.*?)<\/v>/.exec(inner)?.[1];
      if (/<f>/.test(inner)) throw new Error(`cell ${c[1]} holds a formula`);
      cells[c[1]] = { type, value, style };
    }
    rows.push(cells);
  }
  return rows;
}

/** The number format of each cell style (cellXfs order), by its format code. */
function styleFormats(files) {
  const styles = files["xl/styles.xml"];
  const codes = Object.fromEntries(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], unescapeXml(m[2])]),
  );
  const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)[1];
  return [...xfs.matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((m) => codes[m[1]] ?? `builtin ${m[1]}`);
}

const col = (header, label) => {
  const entry = Object.entries(header).find(([, c]) => c.value === label);
  if (!entry)
    throw new Error(
      `no column "${label}" in ${Object.values(header)
        .map((c) => c.value)
        .join(", ")}`,
    );
  return entry[0];
};

export const paperworkScenarios = [
  {
    name: "company-profile-pdf-and-exports",
    needs: ["session", "resource purchase-orders", "resource suppliers"],
    async run(page, { base }) {
      // The letterhead, with a logo uploaded from the page.
      await page.goto(`${base}/settings/company`);
      await page.fill("#cp-legal_name", LEGAL);
      await page.fill("#cp-address", "12 Stockyards Rd\nAmarillo, TX 79101");
      await page.fill("#cp-remit_to", REMIT);
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("Saved.").waitFor();
      await page.setInputFiles("#cp-logo", { name: "logo.png", mimeType: "image/png", buffer: png(60, 20) });
      await page.locator("img.logo-preview").waitFor({ timeout: 15_000 });
      await page.getByRole("button", { name: "Remove logo" }).waitFor();

      // A purchase order with three lines, through the API, then its PDF from its page.
      const supplier = await api(page, "POST", `${base}/api/v1/suppliers`, {
        name: "Frigorífico São João E2E",
        city: "Goiânia",
        state: "GO",
      });
      const lines = [
        ["Beef chuck roll, choice", "32000.00", "2.4500"],
        ["Beef brisket, select", "18000.00", "3.1000"],
        ["Beef trim 90CL", "1000.00", "1.0055"],
      ].map(([description, weight, price_per_unit]) => ({ description, weight, price_per_unit, quantity: 40 }));
      const po = await api(page, "POST", `${base}/api/v1/purchase-orders`, {
        supplier: supplier.id,
        order_date: "2026-11-20",
        carrier_release_number: "REL-CHUCK-E2E",
        special_instructions: "Keep frozen at -18 °C.",
        lines,
      });
      if (po.total_amount !== "135205.50") throw new Error(`the order's total is ${po.total_amount}`);
      await page.goto(`${base}/purchase-orders/${po.id}`);
      const pdf = await downloadBy(page, () => page.getByRole("button", { name: "Download PDF" }).click());
      if (pdf.name !== `purchase-order-${po.order_number}.pdf`) throw new Error(`the PDF is called ${pdf.name}`);
      if (pdf.bytes.subarray(0, 5).toString() !== "%PDF-") throw new Error("the download is not a PDF");
      const text = await pdfText(pdf.bytes);
      for (const expected of [
        LEGAL,
        "PURCHASE ORDER",
        `No. ${po.order_number}`,
        "Frigorífico São João E2E",
        "Beef chuck roll, choice",
        "$78,400.00",
        "$55,800.00",
        "$1,005.50",
        "$135,205.50",
        "Keep frozen at -18 °C.",
        "Page 1 of 1",
      ]) {
        if (!text.includes(expected)) throw new Error(`the PDF lacks "${expected}": ${text.slice(0, 400)}`);
      }

      // A filtered, searched, ordered list, exported from the menu as CSV and XLSX.
      await api(page, "POST", `${base}/api/v1/purchase-orders/${po.id}/submit`);
      const query = `q=${encodeURIComponent("chuck")}&ordering=-order_date&status=pending`;
      await page.goto(`${base}/purchase-orders?${query}`);
      await page.locator("table").waitFor();
      const listed = await api(page, "GET", `${base}/api/v1/purchase-orders?${query}&page_size=100`);
      if (listed.count < 1) throw new Error("the filtered list is empty");
      const ids = listed.results.map((r) => String(r.id));

      await page.getByRole("button", { name: /^Export/ }).click();
      const csv = await downloadBy(page, () => page.getByRole("menuitem", { name: /CSV/ }).click());
      if (!csv.name.endsWith(".csv")) throw new Error(`the CSV is called ${csv.name}`);
      const text8 = csv.bytes.toString("utf8");
      if (!text8.startsWith("\uFEFF")) throw new Error("the CSV has no UTF-8 byte order mark");
      const rows = parseCsv(text8.slice(1));
      const header = rows[0];
      if (JSON.stringify(rows.slice(1).map((r) => r[0])) !== JSON.stringify(ids))
        throw new Error(`CSV ids ${rows.slice(1).map((r) => r[0])} ≠ list ${ids}`);
      const mine = rows.find((r) => r[0] === String(po.id));
      if (
        mine[header.indexOf("Total amount")] !== "135205.50" ||
        mine[header.indexOf("Supplier")] !== "Frigorífico São João E2E"
      ) {
        throw new Error(`the CSV row says ${mine.join(" | ")}`);
      }

      await page.getByRole("button", { name: /^Export/ }).click();
      const xlsx = await downloadBy(page, () => page.getByRole("menuitem", { name: /Excel/ }).click());
      if (!xlsx.name.endsWith(".xlsx")) throw new Error(`the workbook is called ${xlsx.name}`);
      const files = unzip(xlsx.bytes);
      const sheet = readSheet(files);
      const formats = styleFormats(files);
      const [head, ...body] = sheet;
      // Numbers are written as doubles ("7.0"): the id column is compared by value.
      const xlsxIds = body.map((r) => String(Number(r.A?.value)));
      if (JSON.stringify(xlsxIds) !== JSON.stringify(ids)) throw new Error(`XLSX ids ${xlsxIds} ≠ list ${ids}`);
      const row = body.find((r) => Number(r.A.value) === po.id);
      const total = row[col(head, "Total amount")];
      if (total.type !== "n" || Number(total.value) !== 135205.5 || !/\$.*0\.00/.test(formats[total.style])) {
        throw new Error(`the total cell is ${JSON.stringify(total)} in format ${formats[total.style]}`);
      }
      const date = row[col(head, "Order date")];
      // Excel's serial day for 2026-11-20 (days since 1899-12-30), in a date format.
      if (date.type !== "n" || Number(date.value) !== 46346 || !/yyyy/.test(formats[date.style]))
        throw new Error(`the date cell is ${JSON.stringify(date)}`);
      const name = row[col(head, "Supplier")];
      if (name.value !== "Frigorífico São João E2E" || name.type === "n")
        throw new Error(`the supplier cell is ${JSON.stringify(name)}`);
    },
  },
];
