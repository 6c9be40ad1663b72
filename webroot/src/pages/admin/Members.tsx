import { useState } from "react";
import { api, rowsOf } from "../../api/client";
import { messageOf } from "../../api/errors";
import type { Role } from "../../api/types";
import { ConfirmDialog, Empty, ErrorBanner, Loading, PageHeader, useDocumentTitle } from "../../components/ui";
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
  const members = useLoad((signal) => api.get<Member[] | { results: Member[] }>("/members", { signal }).then(rowsOf), [generation]);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);

  if (!atLeast(role, "admin")) return <div className="page"><ErrorBanner error="Only admins and owners manage members." /></div>;
  const idOf = (m: Member) => m.user_id ?? m.id;
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
      {members.loading && !members.data ? <Loading /> : (members.data ?? []).length === 0 ? <Empty title="No members." /> : (
        <div className="table-wrap">
          <table className="table">
            <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Joined</th><th scope="col"><span className="sr-only">Remove</span></th></tr></thead>
            <tbody>
              {(members.data ?? []).map((m) => {
                const self = String(m.email).toLowerCase() === String(user?.email).toLowerCase();
                const locked = self || (m.role === "owner" && role !== "owner");
                return (
                  <tr key={String(idOf(m))}>
                    <td>{m.name}{self && <span className="badge">You</span>}</td>
                    <td>{m.email}</td>
                    <td>
                      <label className="sr-only" htmlFor={`role-${idOf(m)}`}>Role of {m.name || m.email}</label>
                      <select id={`role-${idOf(m)}`} value={m.role} disabled={locked} onChange={(e) => change(m, e.target.value as Role)}>
                        {(locked ? ROLES : assignable).map((r) => <option key={r} value={r}>{humanize(r)}</option>)}
                      </select>
                    </td>
                    <td>{formatDate(m.joined_on ?? m.created_on)}</td>
                    <td>{!locked && <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setRemoving(m)}>Remove</button>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">Readonly reads; user creates and edits records; manager also approves, cancels and records payments; admin manages members and invitations; owner also manages the company.</p>
      <ConfirmDialog open={!!removing} title={`Remove ${removing?.name || removing?.email}?`} confirmLabel="Remove" danger busy={busy} onCancel={() => setRemoving(null)} onConfirm={remove}>
        <p>They lose access to this company at once; their records stay.</p>
      </ConfirmDialog>
    </div>
  );
}
