import { useState, type FormEvent } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { messageOf } from "../../api/errors";
import { Notice, useDocumentTitle } from "../../components/ui";
import { useSession } from "../../state/session";

export function SignIn() {
  useDocumentTitle("Sign in");
  const { status, signIn, expired } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const flash = (location.state as { flash?: string } | null)?.flash;
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (status === "signed-in") return <Navigate to={from} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(from, { replace: true });
    } catch (err) {
      const status = (err as { status?: number }).status;
      setError(status === 401 ? "That e-mail and password do not match an account." : messageOf(err));
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to ProjectMeats</h1>
        {expired && <Notice kind="warning">Your session ended. Sign in again to carry on.</Notice>}
        {flash && <Notice kind="success">{flash}</Notice>}
        {error && (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        )}
        <div className="field">
          <label htmlFor="email">E-mail</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <p className="small">
          <Link to="/forgot-password">Forgot password?</Link>
        </p>
        <p className="muted small">New here? Sign-up is by invitation: ask your company's admin for a link.</p>
      </form>
    </div>
  );
}
