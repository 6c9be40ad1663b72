import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import { messageOf } from "../../api/errors";
import type { RecordData } from "../../api/types";
import { FieldInput } from "../../components/FieldInput";
import { StatusBadge } from "./common";

/** Matching a sale to the purchase that supplies it: the broker's core move. */
export function MatchPanel({
  record,
  etag,
  canWrite,
  onMatched,
}: {
  record: RecordData;
  etag: string | null;
  canWrite: boolean;
  onMatched: () => void;
}) {
  const current = record.purchase_order ? String(record.purchase_order) : "";
  const [choice, setChoice] = useState(current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (value: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.patch(
        `/sales-orders/${record.id}`,
        { purchase_order: value ? Number(value) : null },
        { ifMatch: etag },
      );
      onMatched();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="match-title">
      <h2 id="match-title">
        Load matching <StatusBadge value={record.load_status} />
      </h2>
      {current ? (
        <p>
          Supplied by purchase order{" "}
          <Link to={`/purchase-orders/${current}`}>{String(record.purchase_order_name ?? `#${current}`)}</Link>.
        </p>
      ) : (
        <p className="muted">Not matched to a purchase order yet.</p>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {canWrite && (
        <div className="form-row">
          <FieldInput
            field={{ name: "purchase_order", label: "Purchase order", type: "reference", reference: "purchase-orders" }}
            id="match-po"
            value={choice}
            onChange={(v) => setChoice(String(v ?? ""))}
            currentLabel={record.purchase_order_name as string | undefined}
          />
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !choice || choice === current}
            onClick={() => save(choice)}
          >
            {busy ? "Saving…" : current ? "Change match" : "Match"}
          </button>
          {current && (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => {
                setChoice("");
                save("");
              }}
            >
              Unmatch
            </button>
          )}
        </div>
      )}
    </section>
  );
}
