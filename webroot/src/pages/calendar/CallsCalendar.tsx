import { Link, useSearchParams } from "react-router";
import { api } from "../../api/client";
import type { Page } from "../../api/types";
import { ErrorBanner, Loading, PageHeader, useDocumentTitle } from "../../components/ui";
import {
  byDay,
  dayLabel,
  isDay,
  monthGrid,
  shortDayLabel,
  step,
  timeOf,
  todayUtc,
  viewTitle,
  weekDays,
  weekdayLabel,
  windowOf,
  type CalendarView,
} from "../../lib/calendar";
import { useLoad } from "../../lib/useLoad";
import { useSession } from "../../state/session";

interface Call {
  id: number;
  title: string;
  scheduled_at: string;
  duration_minutes?: number | null;
  assignee?: string | null;
  done?: boolean;
  supplier_name?: string | null;
  customer_name?: string | null;
  carrier_name?: string | null;
  contact_name?: string | null;
}

/** A month cell shows this many calls, then "+N more" (the week view shows them all). */
const MONTH_CELL_CALLS = 3;
/** Pages of 100 read for one view at most; a month with more calls says so. */
const MAX_PAGES = 20;

const partyOf = (c: Call) => c.supplier_name || c.customer_name || c.carrier_name || c.contact_name || null;

/** Every call of the window, page by page through the list route's `next`. */
async function callsBetween(from: string, to: string, signal: AbortSignal): Promise<{ calls: Call[]; cut: boolean }> {
  let path: string | null =
    `/scheduled-calls?scheduled_at_after=${from}&scheduled_at_before=${to}&ordering=scheduled_at&page_size=100`;
  const calls: Call[] = [];
  for (let page = 0; path && page < MAX_PAGES; page++) {
    const data: Page<Call> = await api.get<Page<Call>>(path, { signal });
    calls.push(...(data.results ?? []));
    const next = data.next ? new URL(data.next, window.location.origin) : null;
    path = next ? next.pathname + next.search : null;
  }
  return { calls, cut: path !== null };
}

function CallLink({ call, now, compact }: { call: Call; now: string; compact?: boolean }) {
  const overdue = !call.done && call.scheduled_at < now;
  const party = partyOf(call);
  const className = ["cal-call", call.done ? "done" : "", overdue ? "overdue" : ""].filter(Boolean).join(" ");
  const state = call.done ? "done" : overdue ? "overdue" : "";
  return (
    <Link
      to={`/scheduled-calls/${call.id}`}
      className={className}
      title={[timeOf(call.scheduled_at) + " UTC", call.title, party, state].filter(Boolean).join(" · ")}
    >
      <span className="cal-time">{timeOf(call.scheduled_at)}</span> <span className="cal-title">{call.title}</span>
      {!compact && party && <span className="cal-party">{party}</span>}
      {state && <span className="sr-only"> ({state})</span>}
    </Link>
  );
}

export function CallsCalendar() {
  const [params, setParams] = useSearchParams();
  const view: CalendarView = params.get("view") === "month" ? "month" : "week";
  const todayDay = todayUtc();
  const day = isDay(params.get("day")) ? params.get("day")! : todayDay;
  const { from, to } = windowOf(view, day);
  const title = viewTitle(view, day);
  useDocumentTitle(`Calls · ${title}`);
  const { generation } = useSession();
  const loaded = useLoad((signal) => callsBetween(from, to, signal), [generation, from, to]);
  const calls = loaded.data?.calls ?? [];
  const days = byDay(calls, (c) => c.scheduled_at);
  const now = new Date().toISOString();

  const go = (next: { view?: CalendarView; day?: string }) => {
    const p = new URLSearchParams(params);
    p.set("view", next.view ?? view);
    p.set("day", next.day ?? day);
    setParams(p);
  };

  const dayHead = (d: string) => (
    <span className={d === todayDay ? "cal-day-head today" : "cal-day-head"}>
      {weekdayLabel(d)} {shortDayLabel(d)}
      {d === todayDay && <span className="sr-only"> (today)</span>}
    </span>
  );

  return (
    <div className="page">
      <PageHeader title="Scheduled calls">
        <Link className="btn" to="/scheduled-calls">
          List
        </Link>
        <Link className="btn btn-primary" to="/scheduled-calls/new">
          + New call
        </Link>
      </PageHeader>
      <div className="cal-toolbar">
        <div className="segmented" role="group" aria-label="View">
          {(["week", "month"] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={v === view ? "btn btn-small active" : "btn btn-small"}
              aria-pressed={v === view}
              onClick={() => go({ view: v })}
            >
              {v === "week" ? "Week" : "Month"}
            </button>
          ))}
        </div>
        <div className="cal-nav">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => go({ day: step(view, day, -1) })}
            aria-label={`Previous ${view}`}
          >
            ‹
          </button>
          <button type="button" className="btn btn-small" onClick={() => go({ day: todayDay })}>
            Today
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => go({ day: step(view, day, 1) })}
            aria-label={`Next ${view}`}
          >
            ›
          </button>
        </div>
        <h2 className="cal-title-range" aria-live="polite">
          {title}
        </h2>
        <span className="muted small">Times in UTC</span>
      </div>
      <ErrorBanner error={loaded.error} onRetry={loaded.reload} />
      {loaded.data?.cut && (
        <p className="banner banner-warning">
          This {view} holds more calls than the calendar shows; the list has them all.
        </p>
      )}
      {loaded.loading && !loaded.data ? (
        <Loading label="Loading the calls…" />
      ) : view === "week" ? (
        <>
          <div className={loaded.loading ? "cal-week busy" : "cal-week"} aria-busy={loaded.loading}>
            {weekDays(day).map((d) => (
              <section key={d} className="cal-day" aria-label={dayLabel(d)}>
                <h3>{dayHead(d)}</h3>
                {(days.get(d) ?? []).length === 0 ? (
                  <p className="muted small cal-none">No calls</p>
                ) : (
                  <ul>
                    {(days.get(d) ?? []).map((c) => (
                      <li key={c.id}>
                        <CallLink call={c} now={now} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
          {loaded.data && calls.length === 0 && <p className="muted">No calls this week.</p>}
        </>
      ) : (
        <table className={loaded.loading ? "cal-month busy" : "cal-month"} aria-busy={loaded.loading}>
          <caption className="sr-only">Calls in {title}</caption>
          <thead>
            <tr>
              {weekDays(day).map((d) => (
                <th key={d} scope="col">
                  {weekdayLabel(d)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthGrid(day).map((week) => (
              <tr key={week[0]}>
                {week.map((d) => {
                  const list = days.get(d) ?? [];
                  const outside = d.slice(0, 7) !== day.slice(0, 7);
                  return (
                    <td
                      key={d}
                      className={[outside ? "outside" : "", d === todayDay ? "today" : ""].filter(Boolean).join(" ")}
                    >
                      <button
                        type="button"
                        className="btn-link cal-date"
                        onClick={() => go({ view: "week", day: d })}
                        aria-label={`${dayLabel(d)}: ${list.length} call${list.length === 1 ? "" : "s"}, open its week`}
                      >
                        {Number(d.slice(8))}
                      </button>
                      <ul>
                        {list.slice(0, MONTH_CELL_CALLS).map((c) => (
                          <li key={c.id}>
                            <CallLink call={c} now={now} compact />
                          </li>
                        ))}
                      </ul>
                      {list.length > MONTH_CELL_CALLS && (
                        <button type="button" className="btn-link small" onClick={() => go({ view: "week", day: d })}>
                          +{list.length - MONTH_CELL_CALLS} more
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
