import type { Role } from "../api/types";

const RANK: Record<Role, number> = { readonly: 0, user: 1, manager: 2, admin: 3, owner: 4 };

export const ROLES: Role[] = ["readonly", "user", "manager", "admin", "owner"];

/** True when `role` is at least `needed` (readonly < user < manager < admin < owner). */
export function atLeast(role: Role | null | undefined, needed: Role | null | undefined): boolean {
  if (!role) return false;
  if (!needed) return true;
  return (RANK[role] ?? -1) >= (RANK[needed] ?? 99);
}
