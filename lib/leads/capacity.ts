import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import { tenantObjectId, type TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { Lead } from "@/models/lead";
import { Tenant } from "@/models/tenant";

export type LeadCapacity = { max: number; used: number; remaining: number };

/** The plan's lead limit and how much of it is used (counted from the leads, never a stored counter). */
export async function getLeadCapacity(ctx: TenantContext): Promise<LeadCapacity> {
  const [tenant, used] = await Promise.all([
    Tenant.findById(tenantObjectId(ctx), { max_leads: 1 }).lean(),
    scoped(ctx, Lead).countDocuments(),
  ]);
  const max = tenant?.max_leads ?? 0;
  return { max, used, remaining: Math.max(0, max - used) };
}

export function leadLimitMessage(max: number): string {
  return `Your plan allows ${max.toLocaleString("en-US")} leads and that limit is reached. Delete or merge leads, or ask an admin to upgrade the plan.`;
}

/** Throws limit_reached unless `adding` more leads fit in the plan's max_leads. */
export async function assertLeadCapacity(ctx: TenantContext, adding: number): Promise<LeadCapacity> {
  const capacity = await getLeadCapacity(ctx);
  if (adding > capacity.remaining) {
    const msg =
      capacity.remaining === 0
        ? leadLimitMessage(capacity.max)
        : `Your plan allows ${capacity.max.toLocaleString("en-US")} leads; only ${capacity.remaining.toLocaleString("en-US")} more fit, not ${adding.toLocaleString("en-US")}.`;
    throw new AppError("limit_reached", msg);
  }
  return capacity;
}
