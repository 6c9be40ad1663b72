import { api, currentTenant } from "../api/client";
import type { Page, RecordData } from "../api/types";

/**
 * Options for reference selects. A PO form with ten lines has ten product selects: they share one
 * request per company and query, and a save elsewhere can drop the cache.
 */
const cache = new Map<string, Promise<Page<RecordData>>>();

export function loadOptions(resource: string, query: string): Promise<Page<RecordData>> {
  const key = `${currentTenant()}|${resource}?${query}`;
  let found = cache.get(key);
  if (!found) {
    found = api.get<Page<RecordData>>(`/${resource}?${query}`);
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

export function invalidateOptions(resource?: string) {
  for (const key of [...cache.keys()]) {
    if (!resource || key.includes(`|${resource}?`)) cache.delete(key);
  }
}
