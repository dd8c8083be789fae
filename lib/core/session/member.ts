import "server-only";
import { effectivePermissions, type Permission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { User } from "@/models/user";
import type { TenantClaims } from "./session-claims";
import { tenantGrants } from "./tenant-grants";

/** The signed-in member of the current tenant, as every request re-reads it. */
export type Member = { userId: string; email: string; name: string; role: Role; permissions: Permission[] };

/**
 * The member a tenant session names, or null when the session no longer holds: issued for another
 * tenant, user gone or deactivated, e-mail changed, or session_version bumped since (sign-out
 * everywhere, deactivation, role change by an admin).
 */
export async function loadMember(tenantId: string, claims: TenantClaims | null): Promise<Member | null> {
  if (!claims || claims.tid !== tenantId) return null;
  const ctx: TenantContext = { tenantId };
  const user = await scoped(ctx, User)
    .findById(claims.sub, { email: 1, name: 1, role: 1, permissions: 1, is_active: 1, session_version: 1 })
    .lean();
  if (!user || user.is_active === false) return null;
  if (user.email !== claims.email || (user.session_version ?? 0) !== claims.sv) return null;
  const role = user.role as Role;
  return {
    userId: String(user._id),
    email: user.email ?? "",
    name: user.name ?? "",
    role,
    permissions: effectivePermissions(role, user.permissions ?? [], await tenantGrants(ctx, role)),
  };
}
