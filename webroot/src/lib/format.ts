import type { FieldMeta } from "../api/types";
import { formatGrouped, formatMoney } from "./decimal";

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDate(value: unknown): string {
  if (typeof value !== "string" || !value) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return dateFormat.format(new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])));
  return formatDateTime(value);
}

export function formatDateTime(value: unknown): string {
  if (typeof value !== "string" || !value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

/** "in_transit" → "In transit"; the business's own choice values ("Boxed CO2") are shown as they are. */
export function humanize(value: string): string {
  if (!/^[a-z0-9_]+$/.test(value)) return value;
  const words = value.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's value as text for lists and detail pages (references use their *_name companion). */
export function displayValue(field: FieldMeta, record: Record<string, unknown>): string {
  const value = record[field.name];
  if (value === null || value === undefined || value === "") return "";
  switch (field.type) {
    case "money":
      return formatMoney(String(value));
    case "decimal":
      return formatGrouped(String(value), Math.max(2, String(value).split(".")[1]?.length ?? 0));
    case "date":
      return formatDate(value);
    case "datetime":
      return formatDateTime(value);
    case "boolean":
      return value ? "Yes" : "No";
    case "choices":
      return Array.isArray(value) ? value.join(", ") : String(value);
    case "choice":
      return humanize(String(value));
    case "reference": {
      const name = record[field.name + "_name"];
      return name ? String(name) : `#${value}`;
    }
    default:
      return String(value);
  }
}

export function isNumeric(field: FieldMeta): boolean {
  return field.type === "money" || field.type === "decimal" || field.type === "integer";
}

export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
