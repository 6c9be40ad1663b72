/**
 * Calendar arithmetic on days written as "2026-11-26". Days are UTC days, as on the Today page and
 * in the API's `<moment>_after` / `_before` filters, so a call sits on the same day everywhere.
 * Weeks start on Monday.
 */
export type CalendarView = "week" | "month";

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(value: string | null | undefined): value is string {
  if (!value) return false;
  const match = DAY.exec(value);
  return !!match && formatDay(parseDay(value)) === value;
}

export function parseDay(day: string): Date {
  const match = DAY.exec(day);
  if (!match) throw new Error(`not a day: ${day}`);
  return new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function todayUtc(now: Date = new Date()): string {
  return formatDay(now);
}

export function addDays(day: string, n: number): string {
  return formatDay(new Date(parseDay(day).getTime() + n * DAY_MS));
}

/** Monday of the day's week. */
export function startOfWeek(day: string): string {
  const weekday = (parseDay(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

export function startOfMonth(day: string): string {
  return day.slice(0, 8) + "01";
}

export function endOfMonth(day: string): string {
  const d = parseDay(startOfMonth(day));
  return formatDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

export function weekDays(day: string): string[] {
  const monday = startOfWeek(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The month as whole weeks (Monday to Sunday), the first holding its 1st, the last its last day. */
export function monthGrid(day: string): string[][] {
  const last = endOfMonth(day);
  const weeks: string[][] = [];
  for (let monday = startOfWeek(startOfMonth(day)); monday <= last; monday = addDays(monday, 7))
    weeks.push(weekDays(monday));
  return weeks;
}

/** The first and last day a view shows (both included): what the calendar asks the API for. */
export function windowOf(view: CalendarView, day: string): { from: string; to: string } {
  if (view === "week") {
    const days = weekDays(day);
    return { from: days[0], to: days[6] };
  }
  const weeks = monthGrid(day);
  return { from: weeks[0][0], to: weeks[weeks.length - 1][6] };
}

/** The day one step (a week or a month) before or after; a month keeps its day where it can. */
export function step(view: CalendarView, day: string, direction: 1 | -1): string {
  if (view === "week") return addDays(day, 7 * direction);
  const d = parseDay(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + direction, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return formatDay(target);
}

/** The UTC day and time of an instant such as "2026-11-26T14:30:00Z". */
export function dayOf(instant: string): string {
  return formatDay(new Date(instant));
}

export function timeOf(instant: string): string {
  return new Date(instant).toISOString().slice(11, 16);
}

/** Items by the UTC day of their instant, each day's in time order. */
export function byDay<T>(items: T[], instant: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => instant(a).localeCompare(instant(b)))) {
    const day = dayOf(instant(item));
    const list = out.get(day);
    if (list) list.push(item);
    else out.set(day, [item]);
  }
  return out;
}

const monthTitle = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const weekdayShort = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "UTC" });

export function viewTitle(view: CalendarView, day: string): string {
  if (view === "month") return monthTitle.format(parseDay(day));
  const days = weekDays(day);
  const year = days[6].slice(0, 4);
  return `${shortDay.format(parseDay(days[0]))} – ${shortDay.format(parseDay(days[6]))} ${year}`;
}

export const dayLabel = (day: string) => longDay.format(parseDay(day));
export const weekdayLabel = (day: string) => weekdayShort.format(parseDay(day));
export const shortDayLabel = (day: string) => shortDay.format(parseDay(day));
