import { useState } from "react";
import { api, rowsOf } from "../../api/client";
import { messageOf } from "../../api/errors";
import type { Role } from "../../api/types";
import { CopyButton } from "../../components/CopyButton";
import { ConfirmDialog, Empty, ErrorBanner, Loading, Notice, PageHeader, useDocumentTitle } from "../../components/ui";
import { formatDate, humanize } from "../../lib/format";
import { atLeast, ROLES } from "../../lib/roles";
import { useLoad } from "../../lib/useLoad";
import { useSession } from "../../state/session";

interface Member {
  user_id: number | string;
  id?: number | string;
  email: string;
  name: string;
  role: Role;
  joined_on?: string;
  created_on?: string;
}

export function Members() {
  useDocumentTitle("Members");
  const { role, user, generation } = useSession();
  const members = useLoad(
    (signal) => api.get<Member[] | { results: Member[] }>("/members", { signal }).then(rowsOf),
    [generation],
  );
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);
  const [resetLink, setResetLink] = useState<{ who: string; url: string } | null>(null);

  if (!atLeast(role, "admin"))
    return (
      <div className="page">
        <ErrorBanner error="Only admins and owners manage members." />
      </div>
    );
  const idOf = (m: Member) => m.user_id ?? m.id;
  /** A one-hour link for someone who cannot reset by e-mail; the admin hands it over. */
  const makeResetLink = async (m: Member) => {
    setError(null);
    try {
      const made = await api.post<{ url: string }>(`/members/${idOf(m)}/password-reset`);
      if (made) setResetLink({ who: m.name || m.email, url: made.url });
    } catch (err) {
      setError(messageOf(err));
    }
  };
  // Only an owner may make or unmake owners.
  const assignable = ROLES.filter((r) => r !== "owner" || role === "owner");

  const change = async (m: Member, next: Role) => {
    setError(null);
    try {
      await api.patch(`/members/${idOf(m)}`, { role: next });
      members.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await api.delete(`/members/${idOf(removing)}`);
      members.reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  return (
    <div className="page">
      <PageHeader title="Members" />
      <ErrorBanner error={error ?? members.error} onRetry={members.error ? members.reload : undefined} />
      {resetLink && (
        <Notice kind="info">
          Password reset link for {resetLink.who} (works once, for one hour; hand it over privately):{" "}
          <input id="reset-link" readOnly value={resetLink.url} size={50} />{" "}
          <CopyButton text={resetLink.url} targetId="reset-link" />
        </Notice>
      )}
      {members.loading && !members.data ? (
        <Loading />
      ) : (members.data ?? []).length === 0 ? (
        <Empty title="No members." />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(members.data ?? []).map((m) => {
                const self = String(m.email).toLowerCase() === String(user?.email).toLowerCase();
                const locked = self || (m.role === "owner" && role !== "owner");
                return (
                  <tr key={String(idOf(m))}>
                    <td>
                      {m.name}
                      {self && <span className="badge">You</span>}
                    </td>
                    <td>{m.email}</td>
                    <td>
                      <label className="sr-only" htmlFor={`role-${idOf(m)}`}>
                        Role of {m.name || m.email}
                      </label>
                      <select
                        id={`role-${idOf(m)}`}
                        value={m.role}
                        disabled={locked}
                        onChange={(e) => change(m, e.target.value as Role)}
                      >
                        {(locked ? ROLES : assignable).map((r) => (
                          <option key={r} value={r}>
                            {humanize(r)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{formatDate(m.joined_on ?? m.created_on)}</td>
                    <td>
                      {!locked && (
                        <button type="button" className="btn btn-small" onClick={() => makeResetLink(m)}>
                          Reset link
                        </button>
                      )}{" "}
                      {!locked && (
                        <button
                          type="button"
                          className="btn btn-small btn-danger-outline"
                          onClick={() => setRemoving(m)}
                        >
                          Remove
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">
        Readonly reads; user creates and edits records; manager also approves, cancels and records payments; admin
        manages members and invitations; owner also manages the company.
      </p>
      <ConfirmDialog
        open={!!removing}
        title={`Remove ${removing?.name || removing?.email}?`}
        confirmLabel="Remove"
        danger
        busy={busy}
        onCancel={() => setRemoving(null)}
        onConfirm={remove}
      >
        <p>They lose access to this company at once; their records stay.</p>
      </ConfirmDialog>
    </div>
  );
}
