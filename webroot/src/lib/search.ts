/** GET /api/v1/search?q=: matches of every resource at once, grouped by resource. */
export interface SearchResult {
  resource: string;
  id: number;
  label: string;
  detail: string | null;
}

export interface SearchGroup {
  resource: string;
  title: string;
  count: number;
  results: SearchResult[];
}

export interface SearchAnswer {
  q: string;
  total: number;
  groups: SearchGroup[];
}

/** One line the palette can highlight and open: a record, or a group's "all matches" list. */
export interface PaletteOption {
  id: string;
  href: string;
  kind: "record" | "all";
  label: string;
  detail: string | null;
}

export interface PaletteGroup {
  resource: string;
  title: string;
  count: number;
  options: PaletteOption[];
}

/**
 * The groups as the palette shows them, and every option in reading order (what the arrow keys
 * walk). A group with more matches than it shows ends with a line to its list searched for q.
 */
export function paletteOf(answer: SearchAnswer | null | undefined): {
  groups: PaletteGroup[];
  options: PaletteOption[];
} {
  const groups: PaletteGroup[] = [];
  const options: PaletteOption[] = [];
  for (const group of answer?.groups ?? []) {
    const own: PaletteOption[] = group.results.map((r) => ({
      id: `palette-${r.resource}-${r.id}`,
      href: `/${r.resource}/${r.id}`,
      kind: "record",
      label: r.label,
      detail: r.detail,
    }));
    if (group.count > group.results.length)
      own.push({
        id: `palette-${group.resource}-all`,
        href: `/${group.resource}?q=${encodeURIComponent(answer?.q ?? "")}`,
        kind: "all",
        label: `All ${group.count} ${group.title.toLowerCase()}`,
        detail: null,
      });
    groups.push({ resource: group.resource, title: group.title, count: group.count, options: own });
    options.push(...own);
  }
  return { groups, options };
}

/** The next highlighted line for an arrow key, wrapping at both ends; -1 when there is none. */
export function moveActive(index: number, delta: number, length: number): number {
  if (length <= 0) return -1;
  if (index < 0) return delta > 0 ? 0 : length - 1;
  return (((index + delta) % length) + length) % length;
}

/** What to send: the trimmed text, or nothing for blank (the API refuses a blank q). */
export function searchTerm(text: string): string | null {
  const term = text.trim();
  return term ? term.slice(0, 200) : null;
}
