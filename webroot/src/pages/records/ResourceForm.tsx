import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, newIdempotencyKey } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { RecordData, ResourceMeta } from "../../api/types";
import { FieldInput } from "../../components/FieldInput";
import { LinesEditor } from "../../components/LinesEditor";
import { ErrorBanner, Loading, PageHeader, useDocumentTitle } from "../../components/ui";
import {
  editable,
  isBlankLine,
  lineKey,
  toPayload,
  toValues,
  type LineValues,
  type Values,
} from "../../lib/formValues";
import { invalidateOptions } from "../../lib/refCache";
import { atLeast } from "../../lib/roles";
import { useSession } from "../../state/session";
import { titleOf } from "./common";

/** Errors of a line may be keyed "lines[0].weight", "lines.0.weight" or "lines/0/weight". */
export function lineErrorKey(child: string, index: number, field: string): string[] {
  return [`${child}[${index}].${field}`, `${child}.${index}.${field}`, `${child}/${index}/${field}`];
}

function linesOf(meta: ResourceMeta, record?: RecordData | null): Record<string, LineValues[]> {
  const out: Record<string, LineValues[]> = {};
  for (const child of meta.children ?? []) {
    const existing = Array.isArray(record?.[child.name]) ? (record![child.name] as Record<string, unknown>[]) : [];
    const rows = existing.map(
      (line) =>
        ({
          ...toValues(child.fields, line),
          ...(line.id !== undefined ? { id: String(line.id) } : {}),
          _key: lineKey(),
        }) as LineValues,
    );
    out[child.name] = rows.length ? rows : [{ _key: lineKey() } as LineValues];
  }
  return out;
}

export function ResourceForm({ meta, id }: { meta: ResourceMeta; id?: string }) {
  const editing = id !== undefined;
  useDocumentTitle(editing ? `Edit ${meta.singular}` : `New ${meta.singular}`);
  const { role } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [record, setRecord] = useState<RecordData | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [values, setValues] = useState<Values>(() => toValues(meta.fields, null, Object.fromEntries(search.entries())));
  const [lines, setLines] = useState<Record<string, LineValues[]>>(() => linesOf(meta));
  const [loading, setLoading] = useState(editing);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());

  const load = () => {
    if (!editing) return;
    setLoading(true);
    api
      .read<RecordData>(`/${meta.name}/${id}`)
      .then((r) => {
        setRecord(r.data);
        setEtag(r.etag);
        setValues(toValues(meta.fields, r.data));
        setLines(linesOf(meta, r.data));
        setError(null);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [meta.name, id]);

  if (!atLeast(role, meta.write_role)) {
    return (
      <div className="page">
        <ErrorBanner
          error={`Your role cannot ${editing ? "edit" : "create"} ${meta.label.toLowerCase()}; it needs ${meta.write_role} or above.`}
        />
      </div>
    );
  }
  if (loading) return <Loading />;

  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const stale = error instanceof ApiError && error.status === 412;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const kept: Record<string, LineValues[]> = {};
    for (const child of meta.children ?? [])
      kept[child.name] = (lines[child.name] ?? []).filter((row) => !isBlankLine(child, row));
    const body = toPayload(meta, values, kept);
    try {
      let saved: RecordData;
      if (editing) {
        saved = (await api.patch<RecordData>(`/${meta.name}/${id}`, body, { ifMatch: etag })).data;
      } else {
        saved = await api.post<RecordData>(`/${meta.name}`, body, { idempotencyKey: idempotencyKey.current });
      }
      invalidateOptions(meta.name);
      navigate(`/${meta.name}/${saved?.id ?? id}`, { state: { flash: `${meta.singular} saved.` } });
    } catch (err) {
      // A definite answer ends this submission; only a lost connection may be retried with the same key.
      if (!(err instanceof ApiError && err.isNetwork)) idempotencyKey.current = newIdempotencyKey();
      setError(err as Error);
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(".banner-error, [aria-invalid='true']")?.focus?.(),
      );
    } finally {
      setBusy(false);
    }
  };

  const otherErrors = Object.entries(fieldErrors).filter(
    ([key]) => !meta.fields.some((f) => f.name === key) && !(meta.children ?? []).some((c) => key.startsWith(c.name)),
  );

  return (
    <div className="page">
      <PageHeader title={editing ? `Edit ${titleOf(meta, record)}` : `New ${meta.singular.toLowerCase()}`} />
      <form className="record-form" onSubmit={submit} noValidate>
        {error && (
          <div className="banner banner-error" role="alert" tabIndex={-1}>
            <span>{error.message}</span>
            {stale && (
              <button type="button" className="btn btn-small" onClick={load}>
                Reload their version
              </button>
            )}
            {otherErrors.length > 0 && (
              <ul>
                {otherErrors.map(([k, v]) => (
                  <li key={k}>
                    {k}: {v.join(" ")}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="form-grid">
          {editable(meta.fields).map((field) => (
            <FieldInput
              key={field.name}
              field={field}
              id={`f-${field.name}`}
              value={values[field.name] ?? null}
              onChange={(v) => setValues((prev) => ({ ...prev, [field.name]: v }))}
              errors={fieldErrors[field.name]}
              currentLabel={record?.[field.name + "_name"] as string | undefined}
            />
          ))}
        </div>
        {(meta.children ?? []).map((child) => (
          <div key={child.name}>
            <LinesEditor
              child={child}
              rows={lines[child.name] ?? []}
              onChange={(rows) => setLines((prev) => ({ ...prev, [child.name]: rows }))}
              errors={(row, field) =>
                lineErrorKey(child.name, row, field)
                  .map((k) => fieldErrors[k])
                  .find(Boolean)
              }
              currentLabels={(row, field) => {
                const line = (record?.[child.name] as Record<string, unknown>[] | undefined)?.[row];
                return line?.[field + "_name"] as string | undefined;
              }}
            />
            {fieldErrors[child.name] && <ErrorBanner error={fieldErrors[child.name].join(" ")} />}
          </div>
        ))}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Saving…" : editing ? "Save changes" : `Create ${meta.singular.toLowerCase()}`}
          </button>
          <Link className="btn" to={editing ? `/${meta.name}/${id}` : `/${meta.name}`}>
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
