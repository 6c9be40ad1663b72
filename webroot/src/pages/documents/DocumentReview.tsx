import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, send } from "../../api/client";
import { ApiError, messageOf } from "../../api/errors";
import type { Page, RecordData, ResourceMeta } from "../../api/types";
import { FieldInput } from "../../components/FieldInput";
import { LinesEditor } from "../../components/LinesEditor";
import {
  ConfirmDialog,
  ErrorBanner,
  Loading,
  Notice,
  PageHeader,
  Spinner,
  useDocumentTitle,
} from "../../components/ui";
import {
  editable,
  isBlankLine,
  lineKey,
  toPayload,
  toValues,
  type LineValues,
  type Values,
} from "../../lib/formValues";
import { useLoad } from "../../lib/useLoad";
import { useMeta } from "../../state/meta";
import { StatusBadge } from "../records/common";
import { lineErrorKey } from "../records/ResourceForm";
import { DocumentPreview } from "./DocumentPreview";
import { isBusy, STATUS_WORDS, TARGETS, type DocumentRecord } from "./types";

/**
 * A draft may name a supplier ("Cactus Packing") where the form needs its id. Names that match
 * exactly one record are turned into that record's id; the others are left blank and flagged.
 */
async function resolveNames(meta: ResourceMeta, byName: Map<string, ResourceMeta>, draft: Record<string, unknown>) {
  const resolved: Record<string, unknown> = { ...draft };
  const unresolved: Record<string, string> = {};
  for (const field of meta.fields) {
    const value = draft[field.name];
    if (
      field.type !== "reference" ||
      !field.reference ||
      typeof value !== "string" ||
      /^\d+$/.test(value) ||
      !value.trim()
    )
      continue;
    const target = byName.get(field.reference);
    const display = target?.display_field ?? "name";
    try {
      const page = await api.get<Page<RecordData>>(
        `/${field.reference}?q=${encodeURIComponent(value.trim())}&page_size=10`,
      );
      const exact = page.results.filter(
        (r) =>
          String(r[display] ?? "")
            .trim()
            .toLowerCase() === value.trim().toLowerCase(),
      );
      const pick = exact.length === 1 ? exact[0] : page.results.length === 1 ? page.results[0] : null;
      resolved[field.name] = pick ? pick.id : null;
      if (!pick)
        unresolved[field.name] =
          `“${value}” matches no single ${target?.singular.toLowerCase() ?? "record"}: choose one`;
    } catch {
      resolved[field.name] = null;
      unresolved[field.name] = `“${value}” could not be looked up: choose one`;
    }
  }
  return { resolved, unresolved };
}

function draftLines(meta: ResourceMeta, draft: Record<string, unknown>): Record<string, LineValues[]> {
  const out: Record<string, LineValues[]> = {};
  for (const child of meta.children ?? []) {
    const rows = Array.isArray(draft[child.name]) ? (draft[child.name] as Record<string, unknown>[]) : [];
    out[child.name] = rows.map((r) => ({ ...toValues(child.fields, r), _key: lineKey() }) as LineValues);
    if (out[child.name].length === 0) out[child.name] = [{ _key: lineKey() } as LineValues];
  }
  return out;
}

/** The document beside its extracted draft: check the flagged fields, fix, accept or reject. */
export function DocumentReview() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { byName } = useMeta();
  const doc = useLoad((signal) => api.get<DocumentRecord>(`/documents/${id}`, { signal }), [id]);
  const data = doc.data;
  useDocumentTitle(data ? `Review ${data.filename}` : "Document");
  const [target, setTarget] = useState("");
  const [values, setValues] = useState<Values>({});
  const [lines, setLines] = useState<Record<string, LineValues[]>>({});
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ resource: string; record_id: string | number } | null>(null);
  const [confirmReject, setConfirmReject] = useState(false);
  const [nameFlags, setNameFlags] = useState<Record<string, string>>({});

  const reload = doc.reload;
  const processing = data ? isBusy(data.status) : false;
  useEffect(() => {
    if (!processing) return;
    const timer = setInterval(reload, 1500);
    return () => clearInterval(timer);
  }, [processing, reload]);

  const draftKey = data ? `${data.id}:${data.status}` : "";
  useEffect(() => {
    if (!data) return;
    const t = data.target || data.resource || "";
    setTarget(t);
    const meta = byName.get(t);
    if (meta && data.draft) {
      setValues(toValues(meta.fields, data.draft));
      setLines(draftLines(meta, data.draft));
      let live = true;
      resolveNames(meta, byName, data.draft).then(({ resolved, unresolved }) => {
        if (!live) return;
        setNameFlags(unresolved);
        const named = meta.fields.filter((f) => f.type === "reference" && resolved[f.name] !== data.draft?.[f.name]);
        setValues((prev) => ({ ...prev, ...toValues(named, resolved) }));
      });
      return () => {
        live = false;
      };
    }
    // Only a new draft (new status) resets the form, never a poll of the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftKey, byName]);

  const meta = byName.get(target);
  const flags = useMemo(() => ({ ...(data?.flags ?? {}), ...nameFlags }), [data, nameFlags]);

  if (doc.loading && !data) return <Loading />;
  if (!data)
    return (
      <div className="page">
        <ErrorBanner error={doc.error} onRetry={doc.reload} />
      </div>
    );

  const changeTarget = (next: string) => {
    setTarget(next);
    const m = byName.get(next);
    if (m) {
      setValues(
        toValues(m.fields, {
          ...(data.draft ?? {}),
          ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "")),
        }),
      );
      setLines(draftLines(m, data.draft ?? {}));
    }
  };

  const accept = async () => {
    if (!meta) return;
    setBusy(true);
    setError(null);
    const kept: Record<string, LineValues[]> = {};
    for (const child of meta.children ?? [])
      kept[child.name] = (lines[child.name] ?? []).filter((row) => !isBlankLine(child, row));
    try {
      const result = await api.post<{ resource: string; record_id: string | number }>(`/documents/${id}/accept`, {
        draft: toPayload(meta, values, kept),
        // The server knows the target it drafted for; say it only when the reviewer changed it.
        ...(target !== (data.target || data.resource || "") ? { target } : {}),
      });
      setCreated(result);
      reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const reject = async () => {
    setBusy(true);
    try {
      await send("POST", `/documents/${id}/reject`);
      navigate("/documents");
    } catch (err) {
      setError(err instanceof ApiError ? err : messageOf(err));
      setConfirmReject(false);
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const draftErrors = (name: string) => fieldErrors[name] ?? fieldErrors[`draft.${name}`];
  const done = created ?? (data.record_id ? { resource: data.resource || target, record_id: data.record_id } : null);
  const flaggedCount = Object.keys(flags).length;

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/documents">Documents</Link> /
      </nav>
      <PageHeader
        title={
          <>
            {data.filename} <StatusBadge value={data.status} />
          </>
        }
      >
        {data.status === "needs_review" && !done && (
          <>
            <button type="button" className="btn btn-primary" onClick={accept} disabled={busy || !meta}>
              {busy ? "Creating…" : `Accept and create ${meta?.singular.toLowerCase() ?? "record"}`}
            </button>
            <button
              type="button"
              className="btn btn-danger-outline"
              onClick={() => setConfirmReject(true)}
              disabled={busy}
            >
              Reject
            </button>
          </>
        )}
      </PageHeader>
      {done && (
        <Notice kind="success">
          Created.{" "}
          <Link className="btn btn-small" to={`/${done.resource}/${done.record_id}`}>
            Open the {byName.get(done.resource)?.singular.toLowerCase() ?? "record"}
          </Link>
        </Notice>
      )}
      {processing && (
        <Notice>
          <Spinner /> {STATUS_WORDS[data.status]} This page updates by itself.
        </Notice>
      )}
      {data.status === "failed" && (
        <ErrorBanner
          error={`This document could not be read${data.error ? `: ${data.error}` : "."} Try a clearer scan, or enter the record by hand.`}
        />
      )}
      {error && <ErrorBanner error={error} />}
      <div className="review">
        <section className="review-doc card" aria-label="Document">
          <DocumentPreview path={`/documents/${id}/content`} contentType={data.content_type} filename={data.filename} />
        </section>
        <section className="review-draft card" aria-label="Draft">
          <div className="field">
            <label htmlFor="review-target">Create as</label>
            <select
              id="review-target"
              value={target}
              onChange={(e) => changeTarget(e.target.value)}
              disabled={data.status !== "needs_review" || !!done}
            >
              <option value="">Choose…</option>
              {TARGETS.filter(([v]) => v && byName.has(v)).map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {flaggedCount > 0 && (
            <p className="flag-note">
              ⚑ {flaggedCount} field{flaggedCount === 1 ? " was" : "s were"} guessed or failed a check: look at the
              highlighted ones.
            </p>
          )}
          {meta && data.draft ? (
            <fieldset disabled={data.status !== "needs_review" || !!done} className="plain">
              <div className="form-grid one-col">
                {editable(meta.fields).map((field) => (
                  <FieldInput
                    key={field.name}
                    field={field}
                    id={`d-${field.name}`}
                    value={values[field.name] ?? null}
                    onChange={(v) => setValues((prev) => ({ ...prev, [field.name]: v }))}
                    errors={draftErrors(field.name)}
                    flagged={flags[field.name]}
                  />
                ))}
              </div>
            </fieldset>
          ) : !processing && data.status !== "failed" ? (
            <p className="muted">Choose what to create from this document.</p>
          ) : null}
        </section>
      </div>
      {/* Lines are wide (a dozen columns): they get the whole width under the document. */}
      {meta && data.draft && (meta.children ?? []).length > 0 && (
        <fieldset disabled={data.status !== "needs_review" || !!done} className="plain review-lines">
          {(meta.children ?? []).map((child) => (
            <LinesEditor
              key={child.name}
              child={child}
              rows={lines[child.name] ?? []}
              onChange={(rows) => setLines((prev) => ({ ...prev, [child.name]: rows }))}
              errors={(row, field) =>
                lineErrorKey(child.name, row, field)
                  .map((k) => fieldErrors[k] ?? fieldErrors[`draft.${k}`])
                  .find(Boolean)
              }
              flags={(row, field) =>
                lineErrorKey(child.name, row, field)
                  .map((k) => flags[k])
                  .find(Boolean)
              }
            />
          ))}
        </fieldset>
      )}
      <ConfirmDialog
        open={confirmReject}
        title="Reject this draft?"
        confirmLabel="Reject"
        danger
        busy={busy}
        onCancel={() => setConfirmReject(false)}
        onConfirm={reject}
      >
        <p>The draft is discarded and nothing is created. The file stays in the documents list.</p>
      </ConfirmDialog>
    </div>
  );
}
