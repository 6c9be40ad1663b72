import { formatMoney } from "../lib/decimal";

/**
 * Hand-drawn SVG charts: the dashboard needs three shapes, and a chart library would add more
 * weight than the whole app. Numbers here only size bars (pixels); every label prints the exact
 * decimal string. Each chart has a hidden data table for screen readers.
 */
const toNumber = (value: string | number | null | undefined) => {
  const n = typeof value === "number" ? value : Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
};

function compactMoney(n: number): string {
  const abs = Math.abs(n);
  const sign = n < 0 ? "-" : "";
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}k`;
  return `${sign}$${abs.toFixed(0)}`;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** Gridlines on round numbers (…, -500k, 0, 500k, …) covering every value, zero included. */
export function axisTicks(values: number[]): number[] {
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  const step = niceMax((hi - lo) / 4 || 1);
  const max = Math.ceil(hi / step) * step || step;
  const min = Math.floor(lo / step) * step;
  return Array.from({ length: Math.round((max - min) / step) + 1 }, (_, i) => min + i * step);
}

export interface MonthPoint {
  month: string;
  revenue: string;
  cost: string;
  margin: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const monthLabel = (month: string) => {
  const [y, m] = month.split("-");
  return `${MONTHS[Number(m) - 1] ?? m} ${y?.slice(2)}`;
};

/** Revenue and cost as paired bars per month, margin as a line across them. */
export function MonthlyChart({ data, title }: { data: MonthPoint[]; title: string }) {
  const width = 720;
  const height = 260;
  const pad = { left: 56, right: 12, top: 16, bottom: 36 };
  const values = data.flatMap((d) => [toNumber(d.revenue), toNumber(d.cost), toNumber(d.margin)]);
  const ticks = axisTicks(values);
  const min = ticks[0];
  const max = ticks[ticks.length - 1];
  const span = max - min || 1;
  const plotH = height - pad.top - pad.bottom;
  const plotW = width - pad.left - pad.right;
  const y = (v: number) => pad.top + ((max - v) / span) * plotH;
  const band = plotW / Math.max(1, data.length);
  const bar = Math.min(22, band / 3);
  const marginPath = data
    .map((d, i) => `${i === 0 ? "M" : "L"}${pad.left + band * i + band / 2},${y(toNumber(d.margin))}`)
    .join(" ");
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" className="axis">
              {compactMoney(t)}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const x = pad.left + band * i + band / 2;
          const rev = toNumber(d.revenue);
          const cost = toNumber(d.cost);
          return (
            <g key={d.month}>
              <rect
                x={x - bar - 1}
                y={Math.min(y(rev), y(0))}
                width={bar}
                height={Math.abs(y(0) - y(rev))}
                className="bar-revenue"
              >
                <title>{`${monthLabel(d.month)} revenue ${formatMoney(d.revenue)}`}</title>
              </rect>
              <rect
                x={x + 1}
                y={Math.min(y(cost), y(0))}
                width={bar}
                height={Math.abs(y(0) - y(cost))}
                className="bar-cost"
              >
                <title>{`${monthLabel(d.month)} cost ${formatMoney(d.cost)}`}</title>
              </rect>
              <text x={x} y={height - pad.bottom + 16} textAnchor="middle" className="axis">
                {monthLabel(d.month)}
              </text>
            </g>
          );
        })}
        {data.length > 0 && <path d={marginPath} className="line-margin" fill="none" />}
        {data.map((d, i) => (
          <circle
            key={d.month}
            cx={pad.left + band * i + band / 2}
            cy={y(toNumber(d.margin))}
            r={3.5}
            className="dot-margin"
          >
            <title>{`${monthLabel(d.month)} margin ${formatMoney(d.margin)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="legend">
        <span>
          <i className="swatch swatch-revenue" />
          Revenue
        </span>
        <span>
          <i className="swatch swatch-cost" />
          Cost
        </span>
        <span>
          <i className="swatch swatch-margin" />
          Margin
        </span>
      </figcaption>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th>Month</th>
            <th>Revenue</th>
            <th>Cost</th>
            <th>Margin</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.month}>
              <td>{monthLabel(d.month)}</td>
              <td>{formatMoney(d.revenue)}</td>
              <td>{formatMoney(d.cost)}</td>
              <td>{formatMoney(d.margin)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface BarItem {
  label: string;
  value: string | number;
  href?: string;
  tone?: string;
}

/** Horizontal bars with their exact value printed: statuses, top parties, aging buckets. */
export function BarList({
  items,
  money = false,
  title,
  onSelect,
}: {
  items: BarItem[];
  money?: boolean;
  title: string;
  onSelect?: (item: BarItem) => void;
}) {
  const max = Math.max(0, ...items.map((i) => toNumber(i.value)));
  if (items.length === 0) return <p className="muted">Nothing to show yet.</p>;
  return (
    <ul className="barlist" aria-label={title}>
      {items.map((item) => {
        const share = max > 0 ? (toNumber(item.value) / max) * 100 : 0;
        const value = money ? formatMoney(String(item.value)) : String(item.value);
        const label =
          onSelect || item.href ? (
            <a
              href={item.href}
              onClick={(e) => {
                if (onSelect) {
                  e.preventDefault();
                  onSelect(item);
                }
              }}
            >
              {item.label}
            </a>
          ) : (
            item.label
          );
        return (
          <li key={item.label}>
            <span className="barlist-label">{label}</span>
            <span className="barlist-track" aria-hidden="true">
              <span
                className={`barlist-bar ${item.tone ?? ""}`}
                style={{ width: `${Math.max(share, share > 0 ? 1.5 : 0)}%` }}
              />
            </span>
            <span className="barlist-value num">{value}</span>
          </li>
        );
      })}
    </ul>
  );
}
