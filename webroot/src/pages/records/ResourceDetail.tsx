import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { api } from "../../api/client";
import { ApiError, messageOf } from "../../api/errors";
import type { ActionMeta, RecordData, ResourceMeta } from "../../api/types";
import { DownloadPdfButton, PDF_RESOURCES } from "../../components/Downloads";
import { ConfirmDialog, ErrorBanner, Loading, Notice, PageHeader, useDocumentTitle } from "../../components/ui";
import { formatMoney } from "../../lib/decimal";
import { displayValue, formatDateTime, humanize } from "../../lib/format";
import { invalidateOptions, loadOptions } from "../../lib/refCache";
import { atLeast } from "../../lib/roles";
import { useLoad } from "../../lib/useLoad";
import { useMeta } from "../../state/meta";
import { useSession } from "../../state/session";
import { Cell, cellClass, StatusBadge, titleOf } from "./common";
import { AttachmentsPanel } from "./AttachmentsPanel";
import { History } from "./History";
import { MatchPanel } from "./MatchPanel";
import { PaymentsPanel, paymentParentField } from "./PaymentsPanel";
import { Related } from "./Related";
import { SENDABLE, SendDialog } from "./SendDialog";

const HISTORY = new Set(["purchase-orders", "sales-orders"]);
const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * Lines carry a product's id without a readable companion: names come from the product list
 * (shared, cached), so a line reads "Beef chuck roll" rather than "#17".
 */
function useChildNames(meta: ResourceMeta, byName: Map<string, ResourceMeta>): Map<string, Map<string, string>> {
  const [names, setNames] = useState<Map<string, Map<string, string>>>(new Map());
  const refs = [
    ...new Set(
      (meta.children ?? [])
        .flatMap((c) => c.fields)
        .filter((f) => f.type === "reference" && f.reference)
        .map((f) => f.reference!),
    ),
  ];
  const key = refs.join(",");
  useEffect(() => {
    let live = true;
    Promise.all(
      refs.map((ref) =>
        loadOptions(ref, "page_size=100")
          .then((page) => {
            const display = byName.get(ref)?.display_field ?? "name";
            return [ref, new Map(page.results.map((r) => [String(r.id), String(r[display] ?? `#${r.id}`)]))] as const;
          })
          .catch(() => [ref, new Map<string, string>()] as const),
      ),
    ).then((pairs) => live && setNames(new Map(pairs)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, byName]);
  return names;
}

export function ResourceDetail({ meta, id }: { meta: ResourceMeta; id: string }) {
  const { role, generation } = useSession();
  const { byName } = useMeta();
  const navigate = useNavigate();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const loaded = useLoad(
    (signal) => api.read<RecordData>(`/${meta.name}/${id}`, { signal }),
    [meta.name, id, generation],
  );
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ActionMeta | "delete" | "archive" | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const [showEmpty, setShowEmpty] = useState(false);
  const [sending, setSending] = useState(false);
  const record = loaded.data?.data;
  const childNames = useChildNames(meta, byName);
  useDocumentTitle(record ? titleOf(meta, record) : meta.singular);

  if (loaded.loading && !record) return <Loading />;
  if (loaded.error && !record) {
    return (
      <div className="page">
        <ErrorBanner error={loaded.error} onRetry={loaded.reload} />
        <Link to={`/${meta.name}`}>← Back to {meta.label.toLowerCase()}</Link>
      </div>
    );
  }
  if (!record) return null;

  const etag = loaded.data?.etag ?? null;
  const status = meta.status_field ? String(record[meta.status_field] ?? "") : "";
  const actions = (meta.actions ?? []).filter(
    (a) => !meta.status_field || a.from.length === 0 || a.from.includes(status),
  );
  const refresh = () => {
    // The "saved" note belongs to the save, not to what follows it.
    if (flash) navigate(location.pathname, { replace: true, state: null });
    loaded.reload();
    setHistoryTick((t) => t + 1);
  };

  const runAction = async (action: ActionMeta) => {
    setBusy(action.name);
    setActionError(null);
    try {
      await api.post(`/${meta.name}/${id}/${action.name}`, undefined, { ifMatch: etag });
      refresh();
    } catch (error) {
      setActionError(error);
      if (error instanceof ApiError && (error.status === 409 || error.status === 412)) loaded.reload();
    } finally {
      setBusy(null);
      setConfirm(null);
    }
  };

  // Parties are retired by archiving (their record status), not deleted: history keeps pointing at them.
  const archiveField = meta.fields.find(
    (f) => f.name === "status" && f.type === "choice" && !f.read_only && (f.choices ?? []).includes("archived"),
  );
  const canArchive =
    !!archiveField && record.status !== "archived" && meta.updatable !== false && atLeast(role, meta.write_role);
  const archive = async () => {
    setBusy("archive");
    setActionError(null);
    try {
      await api.patch(`/${meta.name}/${id}`, { status: "archived" }, { ifMatch: etag });
      invalidateOptions(meta.name);
      refresh();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(null);
      setConfirm(null);
    }
  };

  const remove = async () => {
    setBusy("delete");
    setActionError(null);
    try {
      await api.delete(`/${meta.name}/${id}`, { ifMatch: etag });
      invalidateOptions(meta.name);
      navigate(`/${meta.name}`, { replace: true });
    } catch (error) {
      setActionError(error);
      setConfirm(null);
    } finally {
      setBusy(null);
    }
  };

  // A purchase order has thirty fields; most records fill a few. The rest wait behind a button.
  const emptyCount = meta.fields.filter((f) => isEmpty(record[f.name])).length;
  const fields = showEmpty ? meta.fields : meta.fields.filter((f) => !isEmpty(record[f.name]));
  const showHistory = meta.history ?? HISTORY.has(meta.name);
  const paymentsField = byName.has("payments") ? paymentParentField(meta.name) : null;

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/${meta.name}`}>{meta.label}</Link> /
      </nav>
      <PageHeader
        title={
          <>
            {titleOf(meta, record)} {meta.status_field && <StatusBadge value={record[meta.status_field]} />}
          </>
        }
      >
        {actions.map((action) => {
          const allowed = atLeast(role, action.role);
          return (
            <button
              key={action.name}
              type="button"
              className={action.name === "cancel" ? "btn btn-danger-outline" : "btn btn-primary"}
              disabled={!allowed || busy !== null}
              title={
                allowed
                  ? `${action.label}: ${humanize(status)} → ${humanize(action.to)}`
                  : `Needs the ${action.role} role`
              }
              onClick={() => (action.name === "cancel" ? setConfirm(action) : runAction(action))}
            >
              {busy === action.name ? "Working…" : action.label}
            </button>
          );
        })}
        {PDF_RESOURCES.has(meta.name) && <DownloadPdfButton resource={meta.name} id={id} />}
        {SENDABLE[meta.name] && atLeast(role, meta.write_role) && (
          <button type="button" className="btn" onClick={() => setSending(true)} disabled={busy !== null}>
            Send…
          </button>
        )}
        {atLeast(role, meta.write_role) && meta.updatable !== false && (
          <Link className="btn" to={`/${meta.name}/${id}/edit`}>
            Edit
          </Link>
        )}
        {canArchive && (
          <button type="button" className="btn" onClick={() => setConfirm("archive")} disabled={busy !== null}>
            Archive
          </button>
        )}
        {atLeast(role, meta.delete_role) && (
          <button
            type="button"
            className="btn btn-danger-outline"
            onClick={() => setConfirm("delete")}
            disabled={busy !== null}
          >
            Delete
          </button>
        )}
      </PageHeader>
      {flash && <Notice kind="success">{flash}</Notice>}
      {actionError ? (
        <div className="banner banner-error" role="alert">
          <span>{messageOf(actionError)}</span>
          {actionError instanceof ApiError && actionError.status === 412 && (
            <button type="button" className="btn btn-small" onClick={refresh}>
              Reload
            </button>
          )}
        </div>
      ) : null}
      {!atLeast(role, meta.write_role) && (
        <p className="muted small">You can read this record; your role ({role}) cannot change it.</p>
      )}

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title" className="sr-only">
          Details
        </h2>
        <dl className="details">
          {fields.map((field) => {
            const empty = isEmpty(record[field.name]);
            return (
              <div key={field.name} className={field.type === "textarea" ? "wide" : undefined}>
                <dt>{field.label}</dt>
                <dd className={field.type === "textarea" ? "pre" : cellClass(field)} data-field={field.name}>
                  {empty ? <span className="muted">—</span> : <Cell field={field} record={record} meta={meta} />}
                </dd>
              </div>
            );
          })}
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(record.created_on)}</dd>
          </div>
          <div>
            <dt>Last changed</dt>
            <dd>{formatDateTime(record.modified_on)}</dd>
          </div>
        </dl>
        {emptyCount > 0 && (
          <button
            type="button"
            className="btn btn-link small"
            aria-expanded={showEmpty}
            onClick={() => setShowEmpty((v) => !v)}
          >
            {showEmpty ? "Hide empty fields" : `Show ${emptyCount} empty field${emptyCount === 1 ? "" : "s"}`}
          </button>
        )}
      </section>

      {(meta.children ?? []).map((child) => {
        const rows = Array.isArray(record[child.name]) ? (record[child.name] as RecordData[]) : [];
        const columns = child.fields.filter((f) => rows.some((line) => !isEmpty(line[f.name])));
        return (
          <section key={child.name} className="card" aria-labelledby={`child-${child.name}`}>
            <h2 id={`child-${child.name}`}>{child.label}</h2>
            {rows.length === 0 ? (
              <p className="muted">No {child.label.toLowerCase()}.</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      {columns.map((f) => (
                        <th key={f.name} scope="col" className={cellClass(f)}>
                          {f.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((line, i) => (
                      <tr key={String(line.id ?? i)}>
                        {columns.map((f) => {
                          const named =
                            f.type === "reference" && line[f.name] != null && !line[`${f.name}_name`]
                              ? childNames.get(f.reference ?? "")?.get(String(line[f.name]))
                              : undefined;
                          return (
                            <td key={f.name} className={cellClass(f)}>
                              {named ?? displayValue(f, line)}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                  {record.total_amount !== undefined && (
                    <tfoot>
                      <tr>
                        <th scope="row" colSpan={Math.max(1, columns.length - 1)} className="num">
                          Total
                        </th>
                        <td className="num total">{formatMoney(String(record.total_amount))}</td>
                      </tr>
                    </tfoot>
                  )}
                </table>
              </div>
            )}
          </section>
        );
      })}

      {meta.name === "sales-orders" && meta.fields.some((f) => f.name === "purchase_order") && (
        <MatchPanel record={record} etag={etag} canWrite={atLeast(role, meta.write_role)} onMatched={refresh} />
      )}
      {paymentsField && <PaymentsPanel parentField={paymentsField} record={record} onPaid={refresh} />}
      {meta.attachments && <AttachmentsPanel meta={meta} id={id} onChanged={() => setHistoryTick((t) => t + 1)} />}
      {showHistory && <History resource={meta.name} id={id} tick={historyTick} />}
      <Related meta={meta} id={id} skip={paymentsField ? ["payments"] : []} />

      {SENDABLE[meta.name] && (
        <SendDialog
          open={sending}
          meta={meta}
          record={record}
          onClose={() => setSending(false)}
          onSent={() => setHistoryTick((t) => t + 1)}
        />
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm === "delete"
            ? `Delete this ${meta.singular.toLowerCase()}?`
            : confirm === "archive"
              ? `Archive this ${meta.singular.toLowerCase()}?`
              : `${confirm?.label ?? ""} this ${meta.singular.toLowerCase()}?`
        }
        confirmLabel={
          confirm === "delete" ? "Delete" : confirm === "archive" ? "Archive" : (confirm?.label ?? "Confirm")
        }
        danger={confirm !== "archive"}
        busy={busy !== null}
        onCancel={() => setConfirm(null)}
        onConfirm={() =>
          confirm === "delete" ? remove() : confirm === "archive" ? archive() : confirm && runAction(confirm)
        }
      >
        {confirm === "archive" ? (
          <p>
            “{titleOf(meta, record)}” is kept for past orders and reports, marked archived. You can make it active again
            by editing it.
          </p>
        ) : confirm === "delete" ? (
          <p>
            “{titleOf(meta, record)}” will be deleted for everyone in the company. This cannot be undone.
            {meta.status_field ? " To keep it for the records, archive it instead." : ""}
          </p>
        ) : (
          <p>
            The {meta.singular.toLowerCase()} will become {humanize(confirm?.to ?? "")}. This cannot be undone.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
