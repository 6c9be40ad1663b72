import { useRef, useState, type FormEvent } from "react";
import { api, newIdempotencyKey } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { Page, RecordData } from "../../api/types";
import { FieldErrors } from "../../components/FieldInput";
import { ErrorBanner, Spinner } from "../../components/ui";
import { compare, formatMoney, parseDecimal } from "../../lib/decimal";
import { formatDate, humanize, today } from "../../lib/format";
import { atLeast } from "../../lib/roles";
import { useLoad } from "../../lib/useLoad";
import { useMeta } from "../../state/meta";
import { useSession } from "../../state/session";
import { StatusBadge } from "./common";

const PARENTS: Record<string, string> = {
  "purchase-orders": "purchase_order",
  "sales-orders": "sales_order",
  invoices: "invoice",
};
const METHODS = ["wire", "ach", "check", "credit_card", "cash", "other"];

export function paymentParentField(resource: string): string | null {
  return PARENTS[resource] ?? null;
}

/** What is owed on an order or invoice, the payments made, and a form to record one. */
export function PaymentsPanel({
  parentField,
  record,
  onPaid,
}: {
  parentField: string;
  record: RecordData;
  onPaid: () => void;
}) {
  const { role } = useSession();
  const { byName } = useMeta();
  const paymentsMeta = byName.get("payments");
  const canPay = atLeast(role, paymentsMeta?.write_role ?? "manager");
  const [tick, setTick] = useState(0);
  const payments = useLoad(
    (signal) =>
      api.get<Page<RecordData>>(`/payments?${parentField}=${record.id}&page_size=100&ordering=-payment_date`, {
        signal,
      }),
    [parentField, record.id, tick],
  );
  const [amount, setAmount] = useState("");
  const [date, setDate] = useState(today());
  const [method, setMethod] = useState("wire");
  const [reference, setReference] = useState("");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const outstanding = record.outstanding_amount as string | undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    const parsed = parseDecimal(amount);
    if (!parsed || compare(parsed, { units: 0n, scale: 0 }) <= 0) {
      setError("Enter an amount above zero, such as 20000.00.");
      return;
    }
    const owed = parseDecimal(outstanding);
    if (owed && compare(parsed, owed) > 0) {
      setError(`That is more than the ${formatMoney(outstanding)} outstanding.`);
      return;
    }
    setBusy(true);
    try {
      await api.post(
        "/payments",
        {
          [parentField]: record.id,
          amount: amount.replace(/,/g, "").trim(),
          payment_date: date,
          method,
          reference_number: reference.trim() || null,
        },
        { idempotencyKey: key.current },
      );
      key.current = newIdempotencyKey();
      setDone(`Payment of ${formatMoney(amount)} recorded.`);
      setAmount("");
      setReference("");
      setTick((t) => t + 1);
      onPaid();
    } catch (err) {
      if (!(err instanceof ApiError && err.isNetwork)) key.current = newIdempotencyKey();
      setError(err instanceof ApiError ? err : String(err));
    } finally {
      setBusy(false);
    }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : {};
  const rows = payments.data?.results ?? [];

  return (
    <section className="card" aria-labelledby="payments-title">
      <h2 id="payments-title">Payments {payments.loading && <Spinner />}</h2>
      <dl className="money-summary">
        <div>
          <dt>Total</dt>
          <dd data-testid="total-amount">{formatMoney(record.total_amount as string) || "—"}</dd>
        </div>
        <div>
          <dt>Outstanding</dt>
          <dd data-testid="outstanding-amount" className="outstanding">
            {formatMoney(outstanding) || "—"}
          </dd>
        </div>
        <div>
          <dt>Payment status</dt>
          <dd>
            <StatusBadge value={record.payment_status} />
          </dd>
        </div>
      </dl>
      <ErrorBanner error={payments.error} onRetry={payments.reload} />
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Method</th>
                <th scope="col">Reference</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={String(p.id)}>
                  <td>{formatDate(p.payment_date)}</td>
                  <td>{humanize(String(p.method ?? ""))}</td>
                  <td>{String(p.reference_number ?? "")}</td>
                  <td className="num">{formatMoney(p.amount as string)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!payments.loading && rows.length === 0 && <p className="muted">No payments yet.</p>}
      {canPay ? (
        <form className="inline-form" onSubmit={submit} aria-label="Record a payment">
          <h3>Record a payment</h3>
          {done && (
            <div className="banner banner-success" role="status">
              {done}
            </div>
          )}
          {error && (
            <div className="banner banner-error" role="alert">
              {typeof error === "string" ? error : error.message}
            </div>
          )}
          <div className="form-row">
            <div className="field">
              <label htmlFor="pay-amount">Amount</label>
              <input
                id="pay-amount"
                inputMode="decimal"
                required
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                className="num"
                aria-invalid={!!fe.amount}
                placeholder="0.00"
              />
              <FieldErrors id="pay-amount" messages={fe.amount} />
            </div>
            <div className="field">
              <label htmlFor="pay-date">Date</label>
              <input
                id="pay-date"
                type="date"
                required
                value={date}
                onChange={(e) => setDate(e.target.value)}
                aria-invalid={!!fe.payment_date}
              />
              <FieldErrors id="pay-date" messages={fe.payment_date} />
            </div>
            <div className="field">
              <label htmlFor="pay-method">Method</label>
              <select id="pay-method" value={method} onChange={(e) => setMethod(e.target.value)}>
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m === "ach" ? "ACH" : humanize(m)}
                  </option>
                ))}
              </select>
              <FieldErrors id="pay-method" messages={fe.method} />
            </div>
            <div className="field">
              <label htmlFor="pay-ref">Reference number</label>
              <input id="pay-ref" value={reference} onChange={(e) => setReference(e.target.value)} />
              <FieldErrors id="pay-ref" messages={fe.reference_number} />
            </div>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Recording…" : "Record payment"}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted small">Recording payments needs the {paymentsMeta?.write_role ?? "manager"} role.</p>
      )}
    </section>
  );
}
