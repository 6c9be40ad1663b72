import { api, rowsOf } from "../../api/client";
import { ApiError } from "../../api/errors";
import { ErrorBanner, Spinner } from "../../components/ui";
import { formatDateTime, humanize } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";

interface Entry {
  at: string;
  user_email: string | null;
  action: string;
  changes?: Record<string, { old: unknown; new: unknown }>;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object")) return value.join(", ");
    return `${value.length} line${value.length === 1 ? "" : "s"}`;
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Who changed what and when, newest first. */
export function History({ resource, id, tick }: { resource: string; id: string; tick: number }) {
  const history = useLoad(
    (signal) => api.get<Entry[] | { results: Entry[] }>(`/${resource}/${id}/history`, { signal }).then(rowsOf),
    [resource, id, tick],
  );
  if (history.error instanceof ApiError && history.error.status === 404) return null;
  const entries = [...(history.data ?? [])].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History {history.loading && <Spinner />}</h2>
      <ErrorBanner error={history.error} onRetry={history.reload} />
      {entries.length === 0 && !history.loading ? (
        <p className="muted">No changes recorded yet.</p>
      ) : (
        <ol className="timeline">
          {entries.map((entry, i) => (
            <li key={i}>
              <div className="timeline-head">
                <strong>{humanize(entry.action)}</strong>
                <span className="muted">
                  {" "}
                  by {entry.user_email ?? "the system"} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </span>
              </div>
              {entry.changes && Object.keys(entry.changes).length > 0 && (
                <ul className="changes">
                  {Object.entries(entry.changes).map(([field, change]) => (
                    <li key={field}>
                      <span className="change-field">{humanize(field)}</span>: <del>{show(change?.old)}</del> →{" "}
                      <ins>{show(change?.new)}</ins>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
