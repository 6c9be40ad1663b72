import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import { ApiError, messageOf } from "../../api/errors";
import { Notice, useDocumentTitle } from "../../components/ui";

/** "Forgot password?": a reset link by e-mail, or, on a service without mail, the way to an admin. */
export function ForgotPassword() {
  useDocumentTitle("Forgot password");
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [noMail, setNoMail] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ detail: string }>(
        "/auth/password-reset",
        { email: email.trim() },
        { quiet401: true },
      );
      setDone(answer?.detail ?? "If an account has this address, a reset link is on its way.");
    } catch (err) {
      if (err instanceof ApiError && err.status === 503) setNoMail(true);
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="forgot-title">
        <h1 id="forgot-title">Forgot your password?</h1>
        {noMail ? (
          <Notice kind="warning">
            This service sends no e-mail. Ask an admin of your company for a reset link (Members → Reset link).
          </Notice>
        ) : done ? (
          <Notice kind="success">{done}</Notice>
        ) : (
          <>
            {error && (
              <div className="banner banner-error" role="alert">
                {error}
              </div>
            )}
            <p className="muted small">We e-mail you a link to choose a new password. It works once, for one hour.</p>
            <div className="field">
              <label htmlFor="forgot-email">E-mail</label>
              <input
                id="forgot-email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoFocus
              />
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
              {busy ? "Sending…" : "Send me a reset link"}
            </button>
          </>
        )}
        <p className="muted small">
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </form>
    </div>
  );
}

/** The reset link's page: the token is in the link's fragment, which no server ever sees. */
export function ResetPassword() {
  useDocumentTitle("Choose a new password");
  const navigate = useNavigate();
  const token = window.location.hash.replace(/^#/, "");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== again) {
      setError("The two passwords differ.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/password-reset/confirm", { token, password }, { quiet401: true });
      navigate("/sign-in", { replace: true, state: { flash: "Your password is changed. Sign in with the new one." } });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="reset-title">
        <h1 id="reset-title">Choose a new password</h1>
        {!token && (
          <Notice kind="warning">
            This page needs the link from the e-mail. <Link to="/forgot-password">Ask for a new one</Link>.
          </Notice>
        )}
        {error && (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        )}
        <div className="field">
          <label htmlFor="reset-password">New password</label>
          <input
            id="reset-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="reset-again">The same again</label>
          <input
            id="reset-again"
            type="password"
            autoComplete="new-password"
            required
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        </div>
        <p className="muted small">
          At least 10 characters; a passphrase of a few words is good. Every session of the account ends.
        </p>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || !token}>
          {busy ? "Saving…" : "Set the new password"}
        </button>
      </form>
    </div>
  );
}

/** "Change password" in the profile: the current one proves it is you; your other sessions end. */
export function ChangePassword() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.post("/auth/password", { current_password: current, new_password: next });
      setDone(true);
      setCurrent("");
      setNext("");
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change password</h2>
      <form onSubmit={submit}>
        {done && <Notice kind="success">Password changed. Your other sessions have ended.</Notice>}
        {error && (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        )}
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Saving…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
