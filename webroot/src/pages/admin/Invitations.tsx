import { useState, type FormEvent } from "react";
import { api, rowsOf } from "../../api/client";
import { ApiError, messageOf } from "../../api/errors";
import type { Role } from "../../api/types";
import { CopyButton } from "../../components/CopyButton";
import { FieldErrors } from "../../components/FieldInput";
import { ConfirmDialog, Empty, ErrorBanner, Loading, PageHeader, useDocumentTitle } from "../../components/ui";
import { formatDateTime, humanize } from "../../lib/format";
import { atLeast, ROLES } from "../../lib/roles";
import { useLoad } from "../../lib/useLoad";
import { useSession } from "../../state/session";

interface Invitation {
  id: number | string;
  email: string;
  role: Role;
  token?: string;
  url?: string;
  expires_on?: string;
  accepted_on?: string | null;
  revoked_on?: string | null;
  status?: string;
}

export function Invitations() {
  useDocumentTitle("Invitations");
  const { role, generation } = useSession();
  const list = useLoad(
    (signal) => api.get<Invitation[] | { results: Invitation[] }>("/invitations", { signal }).then(rowsOf),
    [generation],
  );
  const [email, setEmail] = useState("");
  const [newRole, setNewRole] = useState<Role>("user");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  if (!atLeast(role, "admin"))
    return (
      <div className="page">
        <ErrorBanner error="Only admins and owners invite people." />
      </div>
    );

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setLink(null);
    try {
      const created = await api.post<Invitation>("/invitations", { email: email.trim(), role: newRole });
      const url = created?.url ?? (created?.token ? `${window.location.origin}/invite/${created.token}` : null);
      setLink(url);
      setEmail("");
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
      await api.delete(`/invitations/${revoking.id}`);
      list.reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setRevoking(null);
    }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : {};
  const state = (i: Invitation) =>
    i.status ??
    (i.accepted_on
      ? "accepted"
      : i.revoked_on
        ? "revoked"
        : i.expires_on && Date.parse(i.expires_on) < Date.now()
          ? "expired"
          : "pending");

  return (
    <div className="page">
      <PageHeader title="Invitations" />
      <form className="card inline-form" onSubmit={invite}>
        <h2>Invite someone</h2>
        {error && <ErrorBanner error={error} />}
        <div className="form-row">
          <div className="field">
            <label htmlFor="inv-email">E-mail</label>
            <input
              id="inv-email"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={!!fe.email}
            />
            <FieldErrors id="inv-email" messages={fe.email} />
          </div>
          <div className="field">
            <label htmlFor="inv-role">Role</label>
            <select id="inv-role" value={newRole} onChange={(e) => setNewRole(e.target.value as Role)}>
              {ROLES.filter((r) => r !== "owner" || role === "owner").map((r) => (
                <option key={r} value={r}>
                  {humanize(r)}
                </option>
              ))}
            </select>
            <FieldErrors id="inv-role" messages={fe.role} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Inviting…" : "Send invitation"}
          </button>
        </div>
        {link && (
          <div className="secret" role="status">
            <p>Invitation created. Send this link to the invitee; it works once and expires in 7 days:</p>
            <div className="secret-row">
              <input
                id="invite-link"
                readOnly
                value={link}
                aria-label="Invitation link"
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={link} targetId="invite-link" label="Copy link" />
            </div>
          </div>
        )}
      </form>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (list.data ?? []).length === 0 ? (
        <Empty title="No invitations yet." />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="sr-only">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((i) => (
                <tr key={String(i.id)}>
                  <td>{i.email}</td>
                  <td>{humanize(i.role)}</td>
                  <td>
                    <span className={`badge status-${state(i)}`}>{humanize(state(i))}</span>
                  </td>
                  <td>{formatDateTime(i.expires_on)}</td>
                  <td>
                    {state(i) === "pending" && (
                      <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setRevoking(i)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={!!revoking}
        title={`Revoke the invitation for ${revoking?.email}?`}
        confirmLabel="Revoke"
        danger
        onCancel={() => setRevoking(null)}
        onConfirm={revoke}
      >
        <p>The link stops working at once.</p>
      </ConfirmDialog>
    </div>
  );
}
