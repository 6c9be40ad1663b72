import { Link, useNavigate } from "react-router";
import { api } from "../api/client";
import { BarList, MonthlyChart, type BarItem, type MonthPoint } from "../components/charts";
import { ErrorBanner, Loading, PageHeader, useDocumentTitle } from "../components/ui";
import { formatMoney, sumMoney } from "../lib/decimal";
import { humanize, today } from "../lib/format";
import { useLoad, type Loaded } from "../lib/useLoad";
import { useSession } from "../state/session";

interface DashboardData {
  open_orders?: { purchase?: Record<string, number>; sales?: Record<string, number> };
  monthly?: MonthPoint[];
  top_customers?: Array<{ id: number; name: string; total: string }>;
  top_suppliers?: Array<{ id: number; name: string; total: string }>;
  unmatched_loads?: number;
}

interface Aging {
  as_of: string;
  buckets: string[];
  parties: Array<Record<string, string | number>>;
  totals: Record<string, string>;
}

const BUCKET_LABELS: Record<string, string> = {
  current: "Current",
  "1-30": "1–30 days",
  "31-60": "31–60 days",
  "61-90": "61–90 days",
  over_90: "Over 90 days",
};
const BUCKET_TONES: Record<string, string> = {
  current: "tone-ok",
  "1-30": "tone-info",
  "31-60": "tone-warn",
  "61-90": "tone-warn",
  over_90: "tone-bad",
};

const agingItems = (aging: Aging | undefined): BarItem[] =>
  (aging?.buckets ?? []).map((b) => ({
    label: BUCKET_LABELS[b] ?? b,
    value: aging?.totals?.[b] ?? "0",
    tone: BUCKET_TONES[b],
  }));

export function Dashboard() {
  useDocumentTitle("Dashboard");
  const { generation, company } = useSession();
  const navigate = useNavigate();
  const dashboard = useLoad((signal) => api.get<DashboardData>("/reports/dashboard", { signal }), [generation]);
  const receivables = useLoad(
    (signal) => api.get<Aging>(`/reports/receivables-aging?as_of=${today()}`, { signal }),
    [generation],
  );
  const payables = useLoad(
    (signal) => api.get<Aging>(`/reports/payables-aging?as_of=${today()}`, { signal }),
    [generation],
  );
  const d = dashboard.data;

  const statusItems = (counts: Record<string, number> | undefined, resource: string): BarItem[] =>
    Object.entries(counts ?? {}).map(([status, count]) => ({
      label: humanize(status),
      value: count,
      href: `/${resource}?status=${encodeURIComponent(status)}`,
    }));
  const go = (item: BarItem) => item.href && navigate(item.href);
  const monthly = d?.monthly ?? [];
  const last = monthly[monthly.length - 1];
  const yearRevenue = sumMoney(monthly.map((m) => m.revenue));
  const yearMargin = sumMoney(monthly.map((m) => m.margin));

  return (
    <div className="page">
      <PageHeader title={`Dashboard${company ? ` · ${company.name}` : ""}`} />
      <ErrorBanner error={dashboard.error} onRetry={dashboard.reload} />
      {dashboard.loading && !d ? (
        <Loading label="Loading the figures…" />
      ) : (
        d && (
          <>
            <div className="kpis">
              <div className="kpi">
                <span className="kpi-label">Revenue, last 12 months</span>
                <span className="kpi-value">{formatMoney(yearRevenue)}</span>
              </div>
              <div className="kpi">
                <span className="kpi-label">Margin, last 12 months</span>
                <span className="kpi-value">{formatMoney(yearMargin)}</span>
              </div>
              <div className="kpi">
                <span className="kpi-label">Margin this month</span>
                <span className="kpi-value">{last ? formatMoney(last.margin) : "—"}</span>
              </div>
              <Link
                className="kpi kpi-link"
                to={`/sales-orders?load_status=${encodeURIComponent("TBD - Not Matched")}`}
              >
                <span className="kpi-label">Loads not yet matched</span>
                <span className={`kpi-value ${d.unmatched_loads ? "warn" : ""}`} data-testid="unmatched-loads">
                  {d.unmatched_loads ?? 0}
                </span>
              </Link>
            </div>
            <section className="card">
              <h2>Revenue, cost and margin per month</h2>
              {monthly.length ? (
                <MonthlyChart data={monthly} title="Revenue, cost and margin per month" />
              ) : (
                <p className="muted">No orders in the last 12 months yet.</p>
              )}
            </section>
            <div className="grid-2">
              <section className="card">
                <h2>Open purchase orders</h2>
                <BarList
                  title="Open purchase orders by status"
                  items={statusItems(d.open_orders?.purchase, "purchase-orders")}
                  onSelect={go}
                />
              </section>
              <section className="card">
                <h2>Open sales orders</h2>
                <BarList
                  title="Open sales orders by status"
                  items={statusItems(d.open_orders?.sales, "sales-orders")}
                  onSelect={go}
                />
              </section>
              <section className="card">
                <h2>Top customers</h2>
                <BarList
                  money
                  title="Top customers by revenue"
                  items={(d.top_customers ?? []).map((c) => ({
                    label: c.name,
                    value: c.total,
                    href: `/customers/${c.id}`,
                  }))}
                  onSelect={go}
                />
              </section>
              <section className="card">
                <h2>Top suppliers</h2>
                <BarList
                  money
                  title="Top suppliers by purchases"
                  items={(d.top_suppliers ?? []).map((s) => ({
                    label: s.name,
                    value: s.total,
                    href: `/suppliers/${s.id}`,
                  }))}
                  onSelect={go}
                />
              </section>
            </div>
          </>
        )
      )}
      <div className="grid-2">
        <AgingCard title="Receivables aging" hint="What customers owe us" aging={receivables} party="customers" />
        <AgingCard
          title="Payables aging"
          hint="What we owe suppliers and carriers"
          aging={payables}
          party="suppliers"
        />
      </div>
    </div>
  );
}

function AgingCard({
  title,
  hint,
  aging,
  party,
}: {
  title: string;
  hint: string;
  aging: Loaded<Aging>;
  party: string;
}) {
  const data = aging.data;
  return (
    <section className="card">
      <h2>
        {title}{" "}
        <span className="muted small">
          {hint}
          {data?.as_of ? `, as of ${data.as_of}` : ""}
        </span>
      </h2>
      <ErrorBanner error={aging.error} onRetry={aging.reload} />
      {aging.loading && !data ? (
        <Loading />
      ) : (
        data && (
          <>
            <BarList money title={title} items={agingItems(data)} />
            <p className="aging-total">
              Total{" "}
              <strong>{formatMoney(data.totals?.total ?? sumMoney(data.buckets.map((b) => data.totals?.[b])))}</strong>
            </p>
            {data.parties.length > 0 && (
              <details>
                <summary>By party ({data.parties.length})</summary>
                <div className="table-wrap">
                  <table className="table compact">
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        {data.buckets.map((b) => (
                          <th key={b} scope="col" className="num">
                            {BUCKET_LABELS[b] ?? b}
                          </th>
                        ))}
                        <th scope="col" className="num">
                          Total
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.parties.map((p) => (
                        <tr key={String(p.id)}>
                          <td>
                            <Link to={`/${party}/${p.id}`}>{String(p.name)}</Link>
                          </td>
                          {data.buckets.map((b) => (
                            <td key={b} className="num">
                              {formatMoney(String(p[b] ?? "0"))}
                            </td>
                          ))}
                          <td className="num">{formatMoney(String(p.total ?? "0"))}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            )}
          </>
        )
      )}
    </section>
  );
}
