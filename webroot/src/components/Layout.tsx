import { useEffect, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import type { ResourceMeta } from "../api/types";
import { atLeast } from "../lib/roles";
import { useMeta } from "../state/meta";
import { useSession } from "../state/session";
import { useTheme } from "../state/theme";

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

export function Layout() {
  const { user, companies, company, role, switchCompany, signOut } = useSession();
  const { resources, error: metaError } = useMeta();
  const [theme, setTheme] = useTheme();
  const [navOpen, setNavOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => setNavOpen(false), [location.pathname]);

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
          <li>
            <NavLink to="/" end>
              Dashboard
            </NavLink>
          </li>
          <li>
            <NavLink to="/assistant">Assistant</NavLink>
          </li>
          <li>
            <NavLink to="/documents">Documents</NavLink>
          </li>
        </ul>
        {grouped(resources).map(([label, items]) => (
          <div key={label} className="nav-group">
            <h2>{label}</h2>
            <ul>
              {items.map((r) => (
                <li key={r.name}>
                  <NavLink to={`/${r.name}`}>{r.label}</NavLink>
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
    </div>
  );
}
