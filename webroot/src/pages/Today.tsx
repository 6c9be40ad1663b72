import { useEffect } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import { Empty, ErrorBanner, Loading, PageHeader, useDocumentTitle } from "../components/ui";
import { formatMoney } from "../lib/decimal";
import { dayLabel } from "../lib/calendar";
import { itemHref, moreHref, urgency, type TodayData, type TodayItem, type TodaySection } from "../lib/today";
import { useLoad } from "../lib/useLoad";
import { useMeta } from "../state/meta";
import { useSession } from "../state/session";
import { useTodayCounts } from "../state/today";

const EMPTY: Record<string, string> = {
  purchase_orders_awaiting_approval: "No purchase order is waiting for approval.",
  loads_today_and_tomorrow: "No load picks up or delivers today or tomorrow.",
  calls_due: "No call is due.",
  invoices_due: "No invoice is overdue or due this week.",
  loads_not_matched: "Every open sales order has its purchase order.",
};

function Row({ item, kind }: { item: TodayItem; kind: string | null }) {
  const overdue = urgency(item) === "overdue";
  return (
    <li className={overdue ? "today-row overdue" : "today-row"}>
      <div className="today-main">
        {kind && <span className="today-kind">{kind}</span>}
        <Link to={itemHref(item)} className="today-label">
          {item.label || `#${item.id}`}
        </Link>
        {item.party && <span className="today-party">{item.party}</span>}
      </div>
      <div className="today-why">
        <span className={overdue ? "today-reason tone-bad" : "today-reason"}>{item.reason}</span>
        {item.amount && <span className="num today-amount">{formatMoney(item.amount)}</span>}
      </div>
    </li>
  );
}

function Section({ section }: { section: TodaySection }) {
  const { byName } = useMeta();
  const more = moreHref(section.key);
  // Purchase and sales orders share a section (and may share a number): each row says which it is.
  const mixed = new Set(section.items.map((i) => i.resource)).size > 1;
  const kindOf = (item: TodayItem) => (mixed ? (byName.get(item.resource)?.singular ?? item.resource) : null);
  const id = `today-${section.key}`;
  return (
    <section className="card today-section" aria-labelledby={id} data-section={section.key}>
      <div className="card-head">
        <h2 id={id}>
          {section.title} <span className={section.count ? "count count-live" : "count"}>{section.count}</span>
        </h2>
      </div>
      {section.items.length === 0 ? (
        <p className="muted today-empty">{EMPTY[section.key] ?? "Nothing here."}</p>
      ) : (
        <ul className="today-list">
          {section.items.map((item) => (
            <Row key={`${item.resource}-${item.id}`} item={item} kind={kindOf(item)} />
          ))}
        </ul>
      )}
      {section.count > section.items.length && (
        <p className="small muted today-more">
          The first {section.items.length} of {section.count}
          {more && (
            <>
              {" · "}
              <Link to={more}>see them all</Link>
            </>
          )}
        </p>
      )}
    </section>
  );
}

/** The first page after sign-in: what needs the broker today, each row linked to its record. */
export function Today() {
  useDocumentTitle("Today");
  const { generation, company } = useSession();
  const { publish } = useTodayCounts();
  const today = useLoad((signal) => api.get<TodayData>("/today", { signal }), [generation]);
  const data = today.data;

  useEffect(() => {
    if (data) publish(data);
  }, [data, publish]);

  return (
    <div className="page">
      <PageHeader title={`Today${company ? ` · ${company.name}` : ""}`}>
        <Link className="btn" to="/calendar">
          Calls calendar
        </Link>
        <Link className="btn" to="/dashboard">
          Dashboard
        </Link>
      </PageHeader>
      {data && <p className="muted today-date">{dayLabel(data.as_of)} (UTC)</p>}
      <ErrorBanner error={today.error} onRetry={today.reload} />
      {today.loading && !data ? (
        <Loading label="Gathering today's work…" />
      ) : data && data.total === 0 ? (
        <Empty title="Nothing needs you today">
          <p className="muted">No approvals, loads, calls or invoices are waiting. The dashboard has the figures.</p>
        </Empty>
      ) : (
        data && (
          <div className="today-grid">
            {data.sections.map((section) => (
              <Section key={section.key} section={section} />
            ))}
          </div>
        )
      )}
    </div>
  );
}
