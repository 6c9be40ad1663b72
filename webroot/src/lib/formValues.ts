import type { ChildMeta, FieldMeta, ResourceMeta } from "../api/types";
import type { FormValue } from "../components/FieldInput";
import { lineTotal, sumMoney } from "./decimal";

export type Values = Record<string, FormValue>;
export type LineValues = Values & { _key: string };

let keySeq = 0;
export const lineKey = () => `l${++keySeq}`;

export function editable(fields: FieldMeta[]): FieldMeta[] {
  return fields.filter((f) => !f.read_only);
}

/** A record (or nothing, for a new one) as the strings, booleans and lists that inputs hold. */
export function toValues(
  fields: FieldMeta[],
  record?: Record<string, unknown> | null,
  defaults: Record<string, string> = {},
): Values {
  const values: Values = {};
  for (const field of fields) {
    const raw = record?.[field.name] ?? defaults[field.name];
    if (field.type === "boolean") values[field.name] = raw === true || raw === "true";
    else if (field.type === "choices")
      values[field.name] = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" && raw ? raw.split(",") : [];
    else values[field.name] = raw === null || raw === undefined ? "" : String(raw);
  }
  return values;
}

function convert(field: FieldMeta, value: FormValue): unknown {
  if (field.type === "boolean") return value === true;
  if (field.type === "choices") return Array.isArray(value) ? value : [];
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return null;
  switch (field.type) {
    case "integer":
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case "reference":
      return /^\d+$/.test(text) ? Number(text) : text;
    case "decimal":
    case "money":
      // Stays a string: money never passes through a float on its way to the server.
      return text.replace(/,/g, "");
    case "datetime":
      return new Date(text).toISOString();
    default:
      return text;
  }
}

/** Inputs → the JSON body for POST/PATCH: editable fields only, blanks as null, money as strings. */
export function toPayload(
  meta: Pick<ResourceMeta, "fields" | "children">,
  values: Values,
  lines: Record<string, LineValues[]> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of editable(meta.fields)) body[field.name] = convert(field, values[field.name] ?? null);
  for (const child of meta.children ?? []) {
    const rows = lines[child.name];
    if (!rows) continue;
    body[child.name] = rows.map((row) => {
      const line: Record<string, unknown> = {};
      if (row.id) line.id = convert({ name: "id", label: "id", type: "reference" }, row.id);
      for (const field of editable(child.fields)) line[field.name] = convert(field, row[field.name] ?? null);
      return line;
    });
  }
  return body;
}

/** Lines whose every editable field is blank are left out: an untouched extra row is no line. */
export function isBlankLine(child: ChildMeta, row: LineValues): boolean {
  return editable(child.fields).every((f) => {
    const v = row[f.name];
    return v === "" || v === null || v === false || (Array.isArray(v) && v.length === 0);
  });
}

/** Whether a child table prices its lines as weight × price_per_unit = line_total. */
export function pricesLines(child: ChildMeta): boolean {
  const names = new Set(child.fields.map((f) => f.name));
  return names.has("weight") && names.has("price_per_unit") && names.has("line_total");
}

export function liveLineTotal(row: Values): string | null {
  return lineTotal(row.weight as string, row.price_per_unit as string);
}

/** The order total the server will derive: the sum of the line totals, each rounded half-up to cents. */
export function liveOrderTotal(rows: Values[]): string {
  return sumMoney(rows.map(liveLineTotal));
}
