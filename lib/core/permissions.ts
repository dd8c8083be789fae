import { AppError } from "@/lib/core/errors";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";

/** Every permission in the product. A role is a set of these; users may hold extras. */
export const PERMISSIONS = [
  "leads.read", // leads assigned to the user
  "leads.read_all", // every lead of the tenant (not only assigned ones)
  "leads.write",
  "leads.delete",
  "leads.assign",
  "leads.import",
  "leads.export",
  "communications.read",
  "communications.write",
  "buyers.read",
  "buyers.write",
  "buyers.delete",
  "deals.read",
  "deals.write",
  "deals.delete",
  "tags.manage", // rename, merge, recolour the catalogue (applying tags is leads.write)
  "templates.read",
  "templates.write",
  "workflows.read",
  "workflows.write",
  "analytics.read",
  "activities.read",
  "users.read",
  "users.manage", // invite, change role, deactivate
  "settings.read",
  "settings.manage",
  "billing.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The permission table: the one place that says what each role may do. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  acquisition_rep: [
    "leads.read",
    "leads.write",
    "leads.import",
    "communications.read",
    "communications.write",
    // Only the deals of the leads they may see, read-only (lib/deals/get-deal.ts).
    "deals.read",
    "templates.read",
    "activities.read",
    "users.read",
  ],
  disposition_manager: [
    "leads.read",
    "leads.read_all",
    "buyers.read",
    "buyers.write",
    "buyers.delete",
    "deals.read",
    "deals.write",
    "deals.delete",
    "communications.read",
    "communications.write",
    "templates.read",
    "analytics.read",
    "activities.read",
    "users.read",
  ],
};

/** Permissions granted to every rep when the tenant allows reps to see all leads. */
export const REPS_SEE_ALL_GRANTS: readonly Permission[] = ["leads.read_all"];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** Role permissions plus the user's own extras (unknown names ignored) plus tenant-wide grants. */
export function effectivePermissions(role: Role, extras: readonly string[] = [], tenantGrants: readonly Permission[] = []): Permission[] {
  return [...new Set<Permission>([...ROLE_PERMISSIONS[role], ...extras.filter(isPermission), ...tenantGrants])];
}

export function can(ctx: TenantContext, permission: Permission): boolean {
  const granted = ctx.permissions ?? (ctx.role ? ROLE_PERMISSIONS[ctx.role] : []);
  return granted.includes(permission);
}

/** Throws a forbidden AppError unless the context holds the permission. */
export function requirePermission(ctx: TenantContext, permission: Permission): void {
  if (!can(ctx, permission)) {
    throw new AppError("forbidden", "You do not have permission to do this. Ask an admin of your workspace.");
  }
}
