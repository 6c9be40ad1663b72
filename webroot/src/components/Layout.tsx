import { useEffect, useState, type ReactNode } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import type { ResourceMeta } from "../api/types";
import { atLeast } from "../lib/roles";
import { badgeText } from "../lib/today";
import { useMeta } from "../state/meta";
import { useSession } from "../state/session";
import { useTheme } from "../state/theme";
import { TodayProvider, useTodayCounts } from "../state/today";
import { SearchPalette } from "./SearchPalette";

/** Resources grouped the way a broker thinks of them; anything new lands under "More". */
const GROUPS: Array<[string, string[]]> = [
  ["Orders", ["purchase-orders", "sales-orders", "carrier-purchase-orders", "cold-storage-entries"]],
  ["Money", ["invoices", "payments", "claims"]],
  ["Parties", ["suppliers", "customers", "carriers", "contacts", "plants", "locations"]],
  ["Catalogue", ["products"]],
  ["Follow-up", ["activity-logs", "scheduled-calls"]],
];

function grouped(resources: ResourceMeta[]): Array<[string, ResourceMeta[]]> {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const seen = new Set<string>();
  const out: Array<[string, ResourceMeta[]]> = [];
  for (const [label, names] of GROUPS) {
    const items = names.map((n) => byName.get(n)).filter((r): r is ResourceMeta => !!r);
    items.forEach((r) => seen.add(r.name));
    if (items.length) out.push([label, items]);
  }
  const rest = resources.filter((r) => !seen.has(r.name));
  if (rest.length) out.push(["More", rest]);
  return out;
}

/** A count beside a navigation entry; screen readers hear it as words, not a bare number. */
function NavBadge({ count, what }: { count: number | undefined; what: string }) {
  if (!count) return null;
  return (
    <span className="nav-badge">
      <span aria-hidden="true">{badgeText(count)}</span>
      <span className="sr-only">
        {" "}
        ({count} {what})
      </span>
    </span>
  );
}

const BADGE_WORDS: Record<string, string> = {
  "purchase-orders": "awaiting approval",
  invoices: "overdue or due this week",
  "scheduled-calls": "calls due",
};

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function Layout() {
  return (
    <TodayProvider>
      <Shell />
    </TodayProvider>
  );
}

function NavItem({ to, end, children }: { to: string; end?: boolean; children: ReactNode }) {
  return (
    <li>
      <NavLink to={to} end={end}>
        {children}
      </NavLink>
    </li>
  );
}

function Shell() {
  const { user, companies, company, role, switchCompany, signOut } = useSession();
  const { resources, error: metaError } = useMeta();
  const [theme, setTheme] = useTheme();
  const [navOpen, setNavOpen] = useState(false);
  const [searching, setSearching] = useState(false);
  const { badges } = useTodayCounts();
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => setNavOpen(false), [location.pathname]);

  // Ctrl-K (⌘-K on a Mac) opens the search from anywhere, even from inside a form field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setSearching(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const onSwitch = (slug: string) => {
    switchCompany(slug);
    navigate("/");
  };

  return (
    <div className={navOpen ? "shell nav-open" : "shell"}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="btn btn-icon nav-toggle"
          aria-label="Menu"
          aria-expanded={navOpen}
          aria-controls="sidenav"
          onClick={() => setNavOpen((o) => !o)}
        >
          ☰
        </button>
        <NavLink to="/" className="brand">
          ProjectMeats
        </NavLink>
        <button
          type="button"
          className="btn search-button"
          onClick={() => setSearching(true)}
          aria-keyshortcuts={isMac ? "Meta+K" : "Control+K"}
        >
          <span aria-hidden="true">⌕</span> Search
          <kbd aria-hidden="true">{isMac ? "⌘K" : "Ctrl K"}</kbd>
        </button>
        <div className="topbar-right">
          {companies.length > 1 ? (
            <label className="company-switcher">
              <span className="sr-only">Company</span>
              <select value={company?.slug ?? ""} onChange={(e) => onSwitch(e.target.value)} aria-label="Company">
                {companies.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span className="company-name" title="Company">
              {company?.name}
            </span>
          )}
          <button
            type="button"
            className="btn btn-icon"
            aria-label={`Theme: ${theme}. Switch theme`}
            title={`Theme: ${theme}`}
            onClick={() => setTheme(theme === "light" ? "dark" : theme === "dark" ? "system" : "light")}
          >
            {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
          </button>
          <NavLink to="/profile" className="user-link" title={user?.email}>
            {user?.name || user?.email}
          </NavLink>
          <button type="button" className="btn btn-small" onClick={() => signOut().then(() => navigate("/sign-in"))}>
            Sign out
          </button>
        </div>
      </header>
      <nav id="sidenav" className="sidenav" aria-label="Main">
        <ul>
          <NavItem to="/" end>
            Today <NavBadge count={badges.today} what="things to do today" />
          </NavItem>
          <NavItem to="/dashboard">Dashboard</NavItem>
          <NavItem to="/calendar">Calls calendar</NavItem>
          <NavItem to="/assistant">Assistant</NavItem>
          <NavItem to="/documents">Documents</NavItem>
        </ul>
        {grouped(resources).map(([label, items]) => (
          <div key={label} className="nav-group">
            <h2>{label}</h2>
            <ul>
              {items.map((r) => (
                <li key={r.name}>
                  <NavLink to={`/${r.name}`}>
                    {r.label} <NavBadge count={badges[r.name]} what={BADGE_WORDS[r.name] ?? "to do"} />
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {metaError && <p className="nav-error">Records unavailable: {metaError}</p>}
        <div className="nav-group">
          <h2>Settings</h2>
          <ul>
            {atLeast(role, "admin") && (
              <li>
                <NavLink to="/admin/members">Members</NavLink>
              </li>
            )}
            {atLeast(role, "admin") && (
              <li>
                <NavLink to="/admin/invitations">Invitations</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/settings/company">Company profile</NavLink>
            </li>
            <li>
              <NavLink to="/settings/tokens">API tokens</NavLink>
            </li>
            <li>
              <NavLink to="/profile">Profile</NavLink>
            </li>
          </ul>
        </div>
      </nav>
      <div className="nav-scrim" onClick={() => setNavOpen(false)} aria-hidden="true" />
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
      <SearchPalette open={searching} onClose={() => setSearching(false)} />
    </div>
  );
}
