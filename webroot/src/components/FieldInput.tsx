import { useEffect, useState } from "react";
import type { FieldMeta, RecordData } from "../api/types";
import { humanize } from "../lib/format";
import { loadOptions } from "../lib/refCache";
import { useMeta } from "../state/meta";

export type FormValue = string | boolean | string[] | null;

export function FieldErrors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages || messages.length === 0) return null;
  return (
    <span className="field-error" id={`${id}-error`} role="alert">
      {messages.join(" ")}
    </span>
  );
}

interface Props {
  field: FieldMeta;
  id: string;
  value: FormValue;
  onChange: (value: FormValue) => void;
  errors?: string[];
  /** In a lines table: no visible label (the column header is), an aria-label instead. */
  compact?: boolean;
  /** The readable name of the current reference (from the record's *_name companion). */
  currentLabel?: string;
  flagged?: string;
}

/** One input for one field of the metadata, the right control for its type. */
export function FieldInput({ field, id, value, onChange, errors, compact, currentLabel, flagged }: Props) {
  const invalid = !!errors?.length;
  const describedBy =
    [invalid ? `${id}-error` : "", flagged ? `${id}-flag` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: field.name,
    required: field.required,
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy,
    "aria-label": compact ? field.label : undefined,
  };
  const text = typeof value === "string" ? value : "";
  let control;
  switch (field.type) {
    case "textarea":
      control = (
        <textarea
          {...common}
          rows={compact ? 1 : 3}
          maxLength={field.max_length ?? undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case "boolean":
      control = (
        <input
          {...common}
          required={false}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
      break;
    case "choice":
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{field.required ? "Choose…" : "—"}</option>
          {(field.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {humanize(c)}
            </option>
          ))}
          {text && !(field.choices ?? []).includes(text) && <option value={text}>{text}</option>}
        </select>
      );
      break;
    case "choices": {
      const selected = Array.isArray(value) ? value : [];
      control = (
        <fieldset className="choices" id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
          <legend className="sr-only">{field.label}</legend>
          {(field.choices ?? []).map((c) => (
            <label key={c} className="choice-pill">
              <input
                type="checkbox"
                checked={selected.includes(c)}
                onChange={(e) => onChange(e.target.checked ? [...selected, c] : selected.filter((s) => s !== c))}
              />
              {c}
            </label>
          ))}
        </fieldset>
      );
      break;
    }
    case "reference":
      control = (
        <ReferenceSelect field={field} common={common} value={text} onChange={onChange} currentLabel={currentLabel} />
      );
      break;
    case "integer":
      control = (
        <input
          {...common}
          type="number"
          inputMode="numeric"
          step={1}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case "decimal":
    case "money":
      // Text, not type=number: the browser would turn "2.4500" into a float and drop the trailing zeros.
      control = (
        <input
          {...common}
          type="text"
          inputMode="decimal"
          pattern="-?[0-9,]*\.?[0-9]*"
          autoComplete="off"
          value={text}
          onChange={(e) => onChange(e.target.value)}
          className={"num"}
        />
      );
      break;
    case "date":
      control = <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case "datetime":
      control = (
        <input
          {...common}
          type="datetime-local"
          value={text ? text.slice(0, 16) : ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case "email":
      control = (
        <input
          {...common}
          type="email"
          autoComplete="off"
          maxLength={field.max_length ?? undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case "phone":
      control = (
        <input
          {...common}
          type="tel"
          maxLength={field.max_length ?? undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          maxLength={field.max_length ?? undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
  if (compact) {
    return (
      <div className={`cell-field${invalid ? " invalid" : ""}${flagged ? " flagged" : ""}`} title={flagged}>
        {control}
        {flagged && (
          <span className="sr-only" id={`${id}-flag`}>
            Check this: {flagged}
          </span>
        )}
        <FieldErrors id={id} messages={errors} />
      </div>
    );
  }
  return (
    <div className={`field field-${field.type}${invalid ? " invalid" : ""}${flagged ? " flagged" : ""}`}>
      {field.type === "boolean" ? (
        <label htmlFor={id} className="check-label">
          {control} {field.label}
        </label>
      ) : (
        <>
          <label htmlFor={id}>
            {field.label}
            {field.required && (
              <span className="required" aria-hidden="true">
                {" "}
                *
              </span>
            )}
          </label>
          {control}
        </>
      )}
      {flagged && (
        <span className="field-flag" id={`${id}-flag`}>
          ⚑ {flagged}
        </span>
      )}
      <FieldErrors id={id} messages={errors} />
    </div>
  );
}

function ReferenceSelect({
  field,
  common,
  value,
  onChange,
  currentLabel,
}: {
  field: FieldMeta;
  common: Record<string, unknown>;
  value: string;
  onChange: (v: FormValue) => void;
  currentLabel?: string;
}) {
  const { byName } = useMeta();
  const target = field.reference ? byName.get(field.reference) : undefined;
  const displayField = target?.display_field ?? "name";
  const orderable = target?.fields.some((f) => f.name === displayField && f.order);
  const [search, setSearch] = useState("");
  const [options, setOptions] = useState<RecordData[]>([]);
  const [count, setCount] = useState(0);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");

  useEffect(() => {
    if (!field.reference) return;
    let live = true;
    const params = new URLSearchParams({ page_size: "100" });
    if (orderable) params.set("ordering", displayField);
    if (search.trim()) params.set("q", search.trim());
    const timer = setTimeout(
      () => {
        loadOptions(field.reference!, params.toString())
          .then((page) => {
            if (!live) return;
            setOptions(page.results ?? []);
            setCount(page.count ?? 0);
            setState("ready");
          })
          .catch(() => live && setState("error"));
      },
      search ? 250 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [field.reference, search, orderable, displayField]);

  const label = (r: RecordData) => String(r[displayField] ?? r.name ?? `#${r.id}`);
  const hasCurrent = !value || options.some((o) => String(o.id) === value);
  return (
    <div className="reference">
      {(count > 100 || search) && (
        <input
          type="search"
          className="reference-search"
          placeholder={`Search ${target?.label.toLowerCase() ?? "records"}…`}
          aria-label={`Search ${field.label}`}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      )}
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)} aria-busy={state === "loading"}>
        <option value="">
          {state === "loading"
            ? "Loading…"
            : state === "error"
              ? "Could not load the list"
              : field.required
                ? "Choose…"
                : "—"}
        </option>
        {!hasCurrent && <option value={value}>{currentLabel || `#${value}`}</option>}
        {options.map((o) => (
          <option key={String(o.id)} value={String(o.id)}>
            {label(o)}
          </option>
        ))}
      </select>
    </div>
  );
}
