import { Link } from "react-router";
import { PageHeader, useDocumentTitle } from "../../components/ui";
import { humanize } from "../../lib/format";
import { useSession } from "../../state/session";
import { useTheme, type ThemeChoice } from "../../state/theme";
import { ChangePassword } from "./Passwords";

export function Profile() {
  useDocumentTitle("Profile");
  const { user, companies, company, switchCompany } = useSession();
  const [theme, setTheme] = useTheme();
  return (
    <div className="page narrow">
      <PageHeader title="Profile" />
      <section className="card">
        <dl className="details">
          <div>
            <dt>Name</dt>
            <dd>{user?.name}</dd>
          </div>
          <div>
            <dt>E-mail</dt>
            <dd>{user?.email}</dd>
          </div>
        </dl>
      </section>
      <section className="card">
        <h2>Companies</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Company</th>
              <th scope="col">Your role</th>
              <th scope="col">
                <span className="sr-only">Select</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {companies.map((c) => (
              <tr key={c.slug}>
                <td>{c.name}</td>
                <td>{humanize(c.role)}</td>
                <td>
                  {c.slug === company?.slug ? (
                    <span className="badge">Current</span>
                  ) : (
                    <button type="button" className="btn btn-small" onClick={() => switchCompany(c.slug)}>
                      Switch
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ChangePassword />
      <section className="card">
        <h2>Appearance</h2>
        <fieldset className="radio-row">
          <legend>Theme</legend>
          {(["light", "dark", "system"] as ThemeChoice[]).map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name="theme"
                value={choice}
                checked={theme === choice}
                onChange={() => setTheme(choice)}
              />{" "}
              {humanize(choice)}
            </label>
          ))}
        </fieldset>
      </section>
      <p>
        <Link to="/settings/tokens">Manage API tokens for integrations →</Link>
      </p>
    </div>
  );
}
