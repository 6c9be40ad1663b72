import { Link } from "react-router";
import type { FieldMeta, RecordData, ResourceMeta } from "../../api/types";
import { displayValue, humanize, isNumeric } from "../../lib/format";

/** The columns a list shows: the fields marked `list`, else the display field and a few more. */
export const MAX_COLUMNS = 8;

export function listColumns(meta: ResourceMeta): FieldMeta[] {
  // Past eight columns a table on a laptop wraps every cell; the detail page has the rest.
  const marked = meta.fields.filter((f) => f.list);
  if (marked.length) {
    const display = marked.find((f) => f.name === meta.display_field);
    const status = marked.find((f) => f.name === meta.status_field || f.name === "status");
    const rest = marked.filter((f) => f !== display && f !== status);
    return [display, ...rest.slice(0, MAX_COLUMNS - (display ? 1 : 0) - (status ? 1 : 0)), status].filter(
      (f): f is FieldMeta => !!f,
    );
  }
  const display = meta.fields.find((f) => f.name === meta.display_field);
  const rest = meta.fields.filter((f) => f !== display && f.type !== "textarea" && f.type !== "choices").slice(0, 5);
  return display ? [display, ...rest] : rest;
}

export function titleOf(meta: ResourceMeta, record: Record<string, unknown> | undefined | null): string {
  if (!record) return meta.singular;
  const value = record[meta.display_field];
  return value !== null && value !== undefined && value !== "" ? String(value) : `${meta.singular} #${record.id}`;
}

export function StatusBadge({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "") return null;
  const text = String(value);
  return (
    <span className={`badge status status-${text.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`}>{humanize(text)}</span>
  );
}

/** A cell's content: references link to their record, statuses are badges. */
export function Cell({ field, record, meta }: { field: FieldMeta; record: RecordData; meta: ResourceMeta }) {
  if (
    field.name === meta.status_field ||
    field.name === "status" ||
    field.name === "payment_status" ||
    field.name === "load_status"
  ) {
    return <StatusBadge value={record[field.name]} />;
  }
  const text = displayValue(field, record);
  if (
    field.type === "reference" &&
    field.reference &&
    record[field.name] !== null &&
    record[field.name] !== undefined &&
    record[field.name] !== ""
  ) {
    return <Link to={`/${field.reference}/${record[field.name]}`}>{text}</Link>;
  }
  return <>{text}</>;
}

export function cellClass(field: FieldMeta): string | undefined {
  return isNumeric(field) ? "num" : undefined;
}
