import { describe, expect, it } from "vitest";
import {
  addDays,
  byDay,
  dayOf,
  isDay,
  monthGrid,
  startOfWeek,
  step,
  timeOf,
  todayUtc,
  viewTitle,
  weekDays,
  windowOf,
} from "./calendar";

describe("calendar math", () => {
  it("weeks start on Monday, across months and years", () => {
    expect(startOfWeek("2026-11-26")).toBe("2026-11-23"); // a Thursday
    expect(startOfWeek("2026-11-23")).toBe("2026-11-23");
    expect(startOfWeek("2026-11-29")).toBe("2026-11-23"); // a Sunday
    expect(startOfWeek("2027-01-01")).toBe("2026-12-28");
    expect(weekDays("2026-03-01")).toEqual([
      "2026-02-23",
      "2026-02-24",
      "2026-02-25",
      "2026-02-26",
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
    ]);
  });

  it("a month is whole weeks holding its first and last day", () => {
    const november = monthGrid("2026-11-26");
    expect(november[0][0]).toBe("2026-10-26");
    expect(november[november.length - 1][6]).toBe("2026-12-06");
    expect(november).toHaveLength(6);
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(monthGrid("2027-02-10")).toHaveLength(4);
    expect(monthGrid("2027-02-10").flat()[0]).toBe("2027-02-01");
    expect(monthGrid("2027-02-10").flat()[27]).toBe("2027-02-28");
  });

  it("the window asked of the API is the days the view shows", () => {
    expect(windowOf("week", "2026-11-26")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(windowOf("month", "2026-11-26")).toEqual({ from: "2026-10-26", to: "2026-12-06" });
  });

  it("steps by a week or a month, keeping the day where the month has it", () => {
    expect(step("week", "2026-12-30", 1)).toBe("2027-01-06");
    expect(step("week", "2026-03-02", -1)).toBe("2026-02-23");
    expect(step("month", "2026-01-31", 1)).toBe("2026-02-28");
    expect(step("month", "2024-01-31", 1)).toBe("2024-02-29");
    expect(step("month", "2026-01-15", -1)).toBe("2025-12-15");
    expect(step("month", "2026-03-31", -1)).toBe("2026-02-28");
  });

  it("days and times are UTC, whatever the browser's zone", () => {
    expect(dayOf("2026-11-26T23:30:00Z")).toBe("2026-11-26");
    expect(dayOf("2026-11-26T23:30:00-05:00")).toBe("2026-11-27");
    expect(timeOf("2026-11-26T09:05:00Z")).toBe("09:05");
    expect(todayUtc(new Date("2026-11-26T23:59:59Z"))).toBe("2026-11-26");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("groups items by day in time order", () => {
    const calls = [
      { id: 1, at: "2026-11-26T15:00:00Z" },
      { id: 2, at: "2026-11-25T09:00:00Z" },
      { id: 3, at: "2026-11-26T08:00:00Z" },
    ];
    const days = byDay(calls, (c) => c.at);
    expect([...days.keys()]).toEqual(["2026-11-25", "2026-11-26"]);
    expect(days.get("2026-11-26")?.map((c) => c.id)).toEqual([3, 1]);
  });

  it("recognises real days only", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("next week")).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it("titles a week and a month", () => {
    expect(viewTitle("week", "2026-11-26")).toBe("23 Nov – 29 Nov 2026");
    expect(viewTitle("month", "2026-11-26")).toBe("November 2026");
  });
});
