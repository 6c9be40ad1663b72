import type { FieldMeta, ResourceMeta } from "../api/types";

/**
 * A list view's state lives in the URL (so a view can be shared and survives a reload) and maps
 * one-to-one onto the API's list query: page, page_size, q, ordering and field filters, with
 * date ranges as <field>_after / <field>_before.
 */
export interface ListState {
  page: number;
  pageSize: number;
  q: string;
  ordering: string;
  filters: Record<string, string>;
}

export const DEFAULT_PAGE_SIZE = 25;
export const PAGE_SIZES = [10, 25, 50, 100];
const RESERVED = new Set(["page", "page_size", "q", "ordering"]);

function positiveInt(text: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!text || !/^\d+$/.test(text)) return fallback;
  const value = Number(text);
  return value >= 1 ? Math.min(value, max) : fallback;
}

/** The URL keys a resource accepts as filters: filterable fields, status, and date ranges. */
export function filterKeys(meta: ResourceMeta | undefined): Set<string> | null {
  if (!meta) return null;
  const keys = new Set<string>();
  for (const field of meta.fields) {
    if (!field.filter && field.name !== meta.status_field) continue;
    if (field.type === "date" || field.type === "datetime") {
      keys.add(field.name + "_after");
      keys.add(field.name + "_before");
    } else {
      keys.add(field.name);
    }
  }
  return keys;
}

export function orderableFields(meta: ResourceMeta | undefined): Set<string> | null {
  if (!meta) return null;
  const names = meta.fields.filter((f: FieldMeta) => f.order).map((f) => f.name);
  return new Set([...names, "created_on", "modified_on", "id"]);
}

/** URL → state. With metadata, keys the resource does not know are dropped instead of sent. */
export function readListState(params: URLSearchParams, meta?: ResourceMeta): ListState {
  const allowedFilters = filterKeys(meta);
  const allowedOrder = orderableFields(meta);
  const filters: Record<string, string> = {};
  params.forEach((value, key) => {
    if (RESERVED.has(key) || value === "") return;
    if (allowedFilters && !allowedFilters.has(key)) return;
    filters[key] = value;
  });
  let ordering = params.get("ordering") ?? "";
  if (ordering && allowedOrder && !allowedOrder.has(ordering.replace(/^-/, ""))) ordering = "";
  return {
    page: positiveInt(params.get("page"), 1),
    pageSize: positiveInt(params.get("page_size"), DEFAULT_PAGE_SIZE, 100),
    q: params.get("q") ?? "",
    ordering,
    filters,
  };
}

/** State → URL, leaving out defaults so links stay short; keys sorted so equal views give equal URLs. */
export function writeListState(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const key of Object.keys(state.filters).sort()) {
    const value = state.filters[key];
    if (value !== "" && value !== undefined && value !== null) params.set(key, value);
  }
  if (state.ordering) params.set("ordering", state.ordering);
  if (state.page > 1) params.set("page", String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set("page_size", String(state.pageSize));
  return params;
}

/** State → the API's query string (always explicit about page and size). */
export function apiQuery(state: ListState): string {
  const params = writeListState(state);
  params.set("page", String(state.page));
  params.set("page_size", String(state.pageSize));
  return params.toString();
}

/** Clicking a column: unsorted → ascending → descending → ascending … */
export function toggleOrdering(current: string, field: string): string {
  if (current === field) return "-" + field;
  return field;
}

/** Any change other than paging starts again at page 1. */
export function withChange(state: ListState, change: Partial<Omit<ListState, "page">>): ListState {
  return { ...state, ...change, filters: change.filters ?? state.filters, page: 1 };
}

export function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
