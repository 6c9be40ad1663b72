/** GET /api/v1/today: the broker's work for the day, section by section, with exact counts. */
export interface TodayItem {
  resource: string;
  id: number;
  label: string | null;
  party: string | null;
  reason: string;
  date?: string | null;
  amount?: string | null;
  assignee?: string | null;
  status?: string | null;
}

export interface TodaySection {
  key: string;
  title: string;
  count: number;
  items: TodayItem[];
}

export interface TodayData {
  as_of: string;
  total: number;
  counts: Record<string, number>;
  sections: TodaySection[];
}

export function itemHref(item: Pick<TodayItem, "resource" | "id">): string {
  return `/${item.resource}/${item.id}`;
}

/** Which of Today's sections a resource's entry in the navigation counts. */
export const NAV_SECTIONS: Record<string, string> = {
  "purchase-orders": "purchase_orders_awaiting_approval",
  invoices: "invoices_due",
  "scheduled-calls": "calls_due",
};

/** The badges of the navigation: "today" for the whole day, and per resource its section's count. */
export function navBadges(counts: Record<string, number> | null | undefined, total?: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (!counts) return out;
  out.today = total ?? Object.values(counts).reduce((a, b) => a + b, 0);
  for (const [resource, key] of Object.entries(NAV_SECTIONS)) if (counts[key]) out[resource] = counts[key];
  return out;
}

/** How urgent a row is: overdue rows are marked, the rest read as they are. */
export function urgency(item: Pick<TodayItem, "reason" | "status">): "overdue" | "normal" {
  return item.status === "overdue" || /^overdue\b/i.test(item.reason) ? "overdue" : "normal";
}

/** Where a section's full list lives, when the API has a filter for it. */
export function moreHref(key: string): string | null {
  switch (key) {
    case "purchase_orders_awaiting_approval":
      return "/purchase-orders?status=pending";
    case "calls_due":
      return "/calendar";
    case "invoices_due":
      return "/invoices?ordering=due_date";
    default:
      return null;
  }
}

/** A badge's text: "99+" past 99, so the navigation keeps its width. */
export function badgeText(n: number): string {
  return n > 99 ? "99+" : String(n);
}
