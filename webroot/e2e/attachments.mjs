// End-to-end: files on records. A real PNG, made here, is attached to a claim from its page; the
// page shows it in the list and previews it as an image it actually decoded, the claim's history
// says who attached it, and it can be removed again.
import path from "node:path";
import zlib from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width × height RGB PNG: a red square on white, so a decoded preview has a size to check. */
export function png(width = 48, height = 32) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, 0xff);
    row[0] = 0; // no filter
    for (let x = 0; x < width; x++) {
      if (x > 8 && x < 24 && y > 8 && y < 24) row.fill(0, 1 + x * 3 + 1, 1 + x * 3 + 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function api(page, base, method, p, body) {
  const r = await page.request.fetch(`${base}/api/v1${p}`, {
    method,
    headers: { "Content-Type": "application/json", "X-Requested-With": "fetch" },
    data: body ?? {},
  });
  if (!r.ok()) throw new Error(`${method} ${p}: ${r.status()} ${await r.text()}`);
  return r.status() === 204 ? null : r.json();
}

export function attachmentScenarios({ expectText, shots, mock }) {
  return [
    {
      name: "attachments-photo-on-a-claim-previews",
      needs: ["session"],
      async run(page, { base }) {
        // The mock API does not keep files.
        if (mock) return;
        const supplier = await api(page, base, "POST", "/suppliers", { name: "Panhandle Photo Packing E2E" });
        const claim = await api(page, base, "POST", "/claims", {
          claim_type: "payable",
          supplier: supplier.id,
          reason: "Crushed boxes on arrival",
          claimed_amount: "250.00",
        });
        await page.goto(`${base}/claims/${claim.id}`);
        await expectText(page.locator("h1"), claim.claim_number);
        const panel = page.locator("section.attachments");
        await expectText(panel, "No files yet");

        await panel.getByLabel("What is it?").selectOption("photo");
        await panel
          .locator("#attachment-file")
          .setInputFiles({ name: "crushed-boxes.png", mimeType: "image/png", buffer: png() });

        const row = panel.locator("tbody tr", { hasText: "crushed-boxes.png" });
        await expectText(row, /Photo/);
        // The new photo opens in the page, drawn from its bytes.
        const preview = page.getByRole("figure", { name: "Preview of crushed-boxes.png" });
        const image = preview.locator("img");
        await image.waitFor();
        await page.waitForFunction(
          (img) => img.complete && img.naturalWidth === 48 && img.naturalHeight === 32,
          await image.elementHandle(),
        );
        await expectText(page.locator("#history-title").locator(".."), /Attached[\s\S]*crushed-boxes\.png/);
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(shots, "claim-attachment.png"), fullPage: true });

        // The owner removes it; the list and the history say so.
        await row.getByRole("button", { name: "Remove crushed-boxes.png" }).click();
        await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
        await expectText(panel, "No files yet");
        await expectText(page.locator("#history-title").locator(".."), /Detached/);
        if (await preview.count()) throw new Error("the removed photo is still previewed");
      },
    },
  ];
}
