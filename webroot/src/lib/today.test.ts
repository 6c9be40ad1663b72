import { describe, expect, it } from "vitest";
import { badgeText, itemHref, moreHref, navBadges, urgency } from "./today";

describe("today", () => {
  it("links each row to its record", () => {
    expect(itemHref({ resource: "invoices", id: 42 })).toBe("/invoices/42");
  });

  it("counts the day and the resources whose sections the navigation shows", () => {
    const counts = {
      purchase_orders_awaiting_approval: 3,
      loads_today_and_tomorrow: 5,
      calls_due: 0,
      invoices_due: 2,
      loads_not_matched: 1,
    };
    expect(navBadges(counts, 11)).toEqual({ today: 11, "purchase-orders": 3, invoices: 2 });
    expect(navBadges(counts)).toEqual({ today: 11, "purchase-orders": 3, invoices: 2 });
    expect(navBadges(null)).toEqual({});
  });

  it("marks overdue rows by status or reason", () => {
    expect(urgency({ reason: "Overdue: was due 2026-05-31 (10 days ago)" })).toBe("overdue");
    expect(urgency({ reason: "Due tomorrow", status: "overdue" })).toBe("overdue");
    expect(urgency({ reason: "Due today at 21:00 UTC" })).toBe("normal");
  });

  it("keeps badges narrow and knows where the full lists are", () => {
    expect(badgeText(7)).toBe("7");
    expect(badgeText(250)).toBe("99+");
    expect(moreHref("purchase_orders_awaiting_approval")).toBe("/purchase-orders?status=pending");
    expect(moreHref("loads_not_matched")).toBeNull();
  });
});
