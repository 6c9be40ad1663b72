import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { api } from "../../api/client";
import { ApiError, messageOf } from "../../api/errors";
import type { Me } from "../../api/types";
import { FieldErrors } from "../../components/FieldInput";
import { ErrorBanner, Loading, useDocumentTitle } from "../../components/ui";
import { humanize } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { useSession } from "../../state/session";

interface Invitation {
  company_name?: string;
  company?: { name: string; slug?: string };
  email: string;
  role: string;
  /** The invitee already has an account: joining takes their existing password, nothing else. */
  account_exists?: boolean;
}

/** The page an invitation link opens: who invited you to what, then a name and a password. */
export function SignUp() {
  useDocumentTitle("Accept invitation");
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const { adopt, refresh } = useSession();
  const invitation = useLoad(
    (signal) => api.get<Invitation>(`/auth/invitations/${encodeURIComponent(token)}`, { signal, quiet401: true }),
    [token],
  );
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!existing && password !== confirm) {
      setError("The two passwords differ.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me | null>(
        "/auth/signup",
        existing ? { token, password } : { token, name: name.trim(), password },
        { quiet401: true },
      );
      if (me && (me as Me).user) adopt(me as Me);
      else await refresh();
      navigate("/", { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError("That password does not match your account.");
      else setError(err instanceof ApiError ? err : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const existing = invitation.data?.account_exists === true;
  const companyName = invitation.data?.company_name ?? invitation.data?.company?.name ?? "the company";

  if (invitation.loading)
    return (
      <div className="auth-page">
        <Loading label="Checking your invitation…" />
      </div>
    );
  if (invitation.error) {
    const status = (invitation.error as ApiError).status;
    return (
      <div className="auth-page">
        <div className="card auth-card">
          <h1>Invitation not valid</h1>
          <p>
            {status === 404 || status === 410
              ? "This invitation link has expired, was already used or was revoked. Ask your admin for a new one."
              : messageOf(invitation.error)}
          </p>
          <a className="btn" href="/sign-in">
            Go to sign in
          </a>
        </div>
      </div>
    );
  }
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit}>
        <h1>Join {companyName}</h1>
        <p className="muted">
          You are invited as <strong>{humanize(invitation.data?.role ?? "")}</strong> with{" "}
          <strong>{invitation.data?.email}</strong>.
        </p>
        <ErrorBanner error={error} />
        {existing ? (
          <>
            <p>You already have a ProjectMeats account. Enter its password to join.</p>
            <div className="field">
              <label htmlFor="su-password">Your password</label>
              <input
                id="su-password"
                type="password"
                required
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
          </>
        ) : (
          <>
            <div className="field">
              <label htmlFor="su-name">Your name</label>
              <input
                id="su-name"
                required
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={!!fieldErrors.name}
              />
              <FieldErrors id="su-name" messages={fieldErrors.name} />
            </div>
            <div className="field">
              <label htmlFor="su-password">Password</label>
              <input
                id="su-password"
                type="password"
                required
                minLength={10}
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={!!fieldErrors.password}
                aria-describedby="su-password-hint"
              />
              <small id="su-password-hint" className="muted">
                At least 10 characters; avoid common passwords.
              </small>
              <FieldErrors id="su-password" messages={fieldErrors.password} />
            </div>
            <div className="field">
              <label htmlFor="su-confirm">Repeat password</label>
              <input
                id="su-confirm"
                type="password"
                required
                autoComplete="new-password"
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
              />
            </div>
          </>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? "Joining…" : existing ? "Join" : "Create account"}
        </button>
      </form>
    </div>
  );
}
