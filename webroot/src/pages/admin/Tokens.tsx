import { useState, type FormEvent } from "react";
import { api, rowsOf } from "../../api/client";
import { ApiError, messageOf } from "../../api/errors";
import { CopyButton } from "../../components/CopyButton";
import { FieldErrors } from "../../components/FieldInput";
import { ConfirmDialog, Empty, ErrorBanner, Loading, PageHeader, useDocumentTitle } from "../../components/ui";
import { formatDate, formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { useSession } from "../../state/session";

interface ApiToken {
  id: number | string;
  name: string;
  prefix?: string;
  created_on?: string;
  expires_on?: string | null;
  last_used_on?: string | null;
  token?: string;
}

/** Tokens for integrations: the secret is shown once, right after creation, with a copy button. */
export function Tokens() {
  useDocumentTitle("API tokens");
  const { company, generation } = useSession();
  const list = useLoad(
    (signal) => api.get<ApiToken[] | { results: ApiToken[] }>("/auth/tokens", { signal }).then(rowsOf),
    [generation],
  );
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSecret(null);
    try {
      const created = await api.post<ApiToken>("/auth/tokens", {
        name: name.trim(),
        ...(expires ? { expires_on: expires } : {}),
      });
      setSecret(created?.token ?? null);
      setName("");
      setExpires("");
      list.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    if (!revoking) return;
    try {
      await api.delete(`/auth/tokens/${revoking.id}`);
      list.reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setRevoking(null);
    }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : {};

  return (
    <div className="page">
      <PageHeader title="API tokens" />
      <p className="muted">
        A token lets another system use the API as you, in <strong>{company?.name}</strong>: send it as{" "}
        <code>Authorization: Bearer …</code>.
      </p>
      <form className="card inline-form" onSubmit={create}>
        <h2>New token</h2>
        {error && <ErrorBanner error={error} />}
        <div className="form-row">
          <div className="field">
            <label htmlFor="tok-name">Name</label>
            <input
              id="tok-name"
              required
              value={name}
              placeholder="e.g. Accounting export"
              onChange={(e) => setName(e.target.value)}
              aria-invalid={!!fe.name}
            />
            <FieldErrors id="tok-name" messages={fe.name} />
          </div>
          <div className="field">
            <label htmlFor="tok-expires">Expires on (optional)</label>
            <input
              id="tok-expires"
              type="date"
              value={expires}
              onChange={(e) => setExpires(e.target.value)}
              aria-invalid={!!fe.expires_on}
            />
            <FieldErrors id="tok-expires" messages={fe.expires_on} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Creating…" : "Create token"}
          </button>
        </div>
        {secret && (
          <div className="secret" role="status">
            <p>
              <strong>Copy this token now.</strong> It is shown only once; we keep only a fingerprint of it.
            </p>
            <div className="secret-row">
              <input
                id="new-token"
                readOnly
                value={secret}
                aria-label="New API token"
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={secret} targetId="new-token" />
            </div>
            <button type="button" className="btn btn-link" onClick={() => setSecret(null)}>
              I have stored it
            </button>
          </div>
        )}
      </form>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (list.data ?? []).length === 0 ? (
        <Empty title="No tokens yet." />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="sr-only">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((t) => (
                <tr key={String(t.id)}>
                  <td>
                    {t.name} {t.prefix && <code className="muted">{t.prefix}…</code>}
                  </td>
                  <td>{formatDateTime(t.created_on)}</td>
                  <td>{t.expires_on ? formatDate(t.expires_on) : "Never"}</td>
                  <td>{t.last_used_on ? formatDateTime(t.last_used_on) : "Never"}</td>
                  <td>
                    <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setRevoking(t)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={!!revoking}
        title={`Revoke “${revoking?.name}”?`}
        confirmLabel="Revoke"
        danger
        onCancel={() => setRevoking(null)}
        onConfirm={revoke}
      >
        <p>Systems using this token are refused from their next request.</p>
      </ConfirmDialog>
    </div>
  );
}
