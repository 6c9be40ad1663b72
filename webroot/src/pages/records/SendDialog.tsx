import { useEffect, useRef, useState } from "react";
import { api, newIdempotencyKey } from "../../api/client";
import { messageOf } from "../../api/errors";
import type { RecordData, ResourceMeta } from "../../api/types";
import { titleOf } from "./common";

/** The resources whose PDF can be e-mailed, and where their counterpart's address is found. */
export const SENDABLE: Record<string, { party: string; resource: string; emails: string[]; own?: string }> = {
  "purchase-orders": { party: "supplier", resource: "suppliers", emails: ["email"], own: "supplier_contact_email" },
  "sales-orders": { party: "customer", resource: "customers", emails: ["email", "buyer_contact_email"] },
  invoices: { party: "customer", resource: "customers", emails: ["email", "buyer_contact_email"] },
  "carrier-purchase-orders": {
    party: "carrier",
    resource: "carriers",
    emails: ["sales_contact_email", "ap_contact_email"],
  },
};

type Email = {
  id: number;
  status: "pending" | "sending" | "sent" | "failed";
  to: string[];
  attempts: number;
  server_reply: string | null;
};

const split = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * "Send…": the record's PDF e-mailed through the server's outbox. Recipients start as the
 * counterpart's address on file; afterwards the dialog follows the message until the mail server
 * accepted or refused it.
 */
export function SendDialog({
  open,
  meta,
  record,
  onClose,
  onSent,
}: {
  open: boolean;
  meta: ResourceMeta;
  record: RecordData;
  onClose: () => void;
  onSent: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const how = SENDABLE[meta.name];
  const label = `${meta.singular} ${titleOf(meta, record)}`;
  const [to, setTo] = useState("");
  const [cc, setCc] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Email | null>(null);
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    if (!open || !how) return;
    setSent(null);
    setError(null);
    setCc("");
    setMessage(`Please find attached ${label.toLowerCase()}.`);
    key.current = newIdempotencyKey();
    const own = how.own ? String(record[how.own] ?? "") : "";
    if (own) {
      setTo(own);
      return;
    }
    const partyId = record[how.party];
    setTo("");
    if (partyId == null) return;
    let live = true;
    api
      .get<RecordData>(`/${how.resource}/${partyId}`)
      .then((party) => {
        const found = how.emails.map((f) => String(party?.[f] ?? "").trim()).find(Boolean);
        if (live && found) setTo(found);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, meta.name, record.id]);

  // Follow the message until the server has answered for it.
  useEffect(() => {
    if (!sent || sent.status === "sent" || sent.status === "failed") return;
    const timer = window.setTimeout(() => {
      api
        .get<{ results: Email[] }>(`/${meta.name}/${record.id}/emails`)
        .then((page) => {
          const now = page.results.find((e) => e.id === sent.id);
          if (now) setSent(now);
          if (now && (now.status === "sent" || now.status === "failed")) onSent();
        })
        .catch((err) => setError(messageOf(err)));
    }, 700);
    return () => window.clearTimeout(timer);
  }, [sent, meta.name, record.id, onSent]);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { to: split(to), message };
      if (split(cc).length) body.cc = split(cc);
      const queued = await api.post<Email>(`/${meta.name}/${record.id}/email`, body, { idempotencyKey: key.current });
      setSent(queued);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const finished = sent && (sent.status === "sent" || sent.status === "failed");
  return (
    <dialog
      ref={ref}
      className="dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      aria-labelledby="send-title"
    >
      <h2 id="send-title">Send {label}</h2>
      <div className="dialog-body">
        {error && (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        )}
        {sent ? (
          <p role="status" data-email-status={sent.status}>
            {sent.status === "sent"
              ? `Sent: the mail server accepted it for ${sent.to.join(", ")}.`
              : sent.status === "failed"
                ? `Not sent: ${sent.server_reply ?? "the mail server refused it"}.`
                : `Sending to ${sent.to.join(", ")}…${sent.attempts > 1 ? ` (attempt ${sent.attempts}; ${sent.server_reply ?? ""})` : ""}`}
          </p>
        ) : (
          <>
            <p className="muted small">The PDF is attached. Separate several addresses with commas.</p>
            <div className="field">
              <label htmlFor="send-to">To</label>
              <input id="send-to" type="text" value={to} onChange={(e) => setTo(e.target.value)} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor="send-cc">Cc</label>
              <input id="send-cc" type="text" value={cc} onChange={(e) => setCc(e.target.value)} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor="send-message">Message</label>
              <textarea id="send-message" rows={5} value={message} onChange={(e) => setMessage(e.target.value)} />
            </div>
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          {finished ? "Close" : sent ? "Close (it keeps going)" : "Cancel"}
        </button>
        {!sent && (
          <button type="button" className="btn btn-primary" onClick={send} disabled={busy || split(to).length === 0}>
            {busy ? "Sending…" : "Send"}
          </button>
        )}
      </div>
    </dialog>
  );
}
