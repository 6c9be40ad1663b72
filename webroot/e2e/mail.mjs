// E-mail in the end-to-end run: a small SMTP server on loopback that the packaged jar talks to
// (SMTP_URL), keeping every message it accepts, and the scenario that sends a purchase order's PDF
// from the "Send…" dialog and finds it there with its attachment.
import net from "node:net";

/** A real SMTP conversation (EHLO, MAIL, RCPT, DATA, QUIT); messages are kept whole, as received. */
export async function startSmtpReceiver() {
  const messages = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let envelope = { from: null, to: [] };
    const reply = (line) => socket.write(line + "\r\n");
    reply("220 e2e.test ESMTP");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      while (true) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const data = buffer.slice(0, end).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push({ ...envelope, data });
          envelope = { from: null, to: [] };
          reply(`250 2.0.0 queued as ${messages.length}`);
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250-e2e.test\r\n250 8BITMIME");
        else if (verb === "MAIL") {
          envelope.from = line.slice(line.indexOf("<") + 1, line.indexOf(">"));
          reply("250 2.1.0 Ok");
        } else if (verb === "RCPT") {
          envelope.to.push(line.slice(line.indexOf("<") + 1, line.indexOf(">")));
          reply("250 2.1.5 Ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (verb === "QUIT") {
          reply("221 2.0.0 Bye");
          socket.end();
          return;
        } else if (verb === "RSET" || verb === "NOOP") reply("250 2.0.0 Ok");
        else reply("502 5.5.2 Command not recognized");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: server.address().port, messages, close: () => new Promise((r) => server.close(() => r())) };
}

/** The attachment of a received message: its file name and decoded bytes (base64 parts only). */
export function attachmentOf(data) {
  const part = data.split(/\r\n--[^\r\n]+\r\n/).find((p) => /Content-Disposition:\s*attachment/i.test(p));
  if (!part) return null;
  const [head, ...body] = part.split("\r\n\r\n");
  const name = /filename="?([^";\r\n]+)"?/i.exec(head)?.[1] ?? null;
  const bytes = Buffer.from(
    body
      .join("\r\n\r\n")
      .replace(/\r\n--[\s\S]*$/, "")
      .replace(/\s+/g, ""),
    "base64",
  );
  return { name, bytes };
}

/** Sends the purchase order made earlier in the run from its page and waits for the SMTP server to have it. */
export function sendPurchaseOrderScenario(state, { expectText }) {
  return {
    name: "send-purchase-order-pdf-by-email",
    needs: ["session", "resource purchase-orders"],
    async run(page, { smtp }) {
      if (!smtp) throw new Error("the run started no SMTP server");
      if (!state.poUrl) throw new Error("no purchase order from an earlier scenario");
      await page.goto(state.poUrl);
      await page.getByRole("button", { name: "Send…" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("To").fill("plant7@cactus.example");
      await dialog.getByLabel("Cc").fill("desk@prairie.example");
      await dialog.getByLabel("Message").fill("Hi Dana,\nplease confirm the pick-up window.");
      await dialog.getByRole("button", { name: "Send", exact: true }).click();
      await expectText(dialog.getByRole("status"), /Sent: the mail server accepted it/);
      const message = smtp.messages.find((m) => m.to.includes("plant7@cactus.example"));
      if (!message)
        throw new Error(
          `the SMTP server received nothing for plant7@cactus.example (${smtp.messages.length} messages)`,
        );
      if (!message.to.includes("desk@prairie.example")) throw new Error(`cc missing from the envelope: ${message.to}`);
      if (!/please confirm the pick-up window/.test(message.data))
        throw new Error("the message text is not in the e-mail");
      const pdf = attachmentOf(message.data);
      if (!pdf || !/^purchase-order-.+\.pdf$/.test(pdf.name ?? ""))
        throw new Error(`no purchase order PDF attached (${pdf?.name})`);
      if (pdf.bytes.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error("the attachment is not a PDF");
      await dialog.getByRole("button", { name: "Close" }).click();
      await page
        .locator("#history-title")
        .locator("xpath=..")
        .getByText(/email sent/i)
        .first()
        .waitFor();
    },
  };
}
