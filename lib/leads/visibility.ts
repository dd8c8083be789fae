import { Types } from "mongoose";
import { can, requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";

/**
 * The part of every lead query that says which leads this person may see: all of the tenant's
 * with `leads.read_all` (admins, disposition managers, reps when the tenant allows it), otherwise
 * only those assigned to them. AND it into every lead filter, single reads and bulk actions alike.
 */
export function leadVisibility(ctx: TenantContext): Record<string, unknown> {
  requirePermission(ctx, "leads.read");
  if (can(ctx, "leads.read_all")) return {};
  if (!ctx.userId || !Types.ObjectId.isValid(ctx.userId)) throw new AppError("unauthorized", "Please sign in.");
  return { assigned_to: new Types.ObjectId(ctx.userId) };
}
