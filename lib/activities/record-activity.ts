import "server-only";
import type { Types } from "mongoose";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { Activity, ENTITY_TYPES } from "@/models/activity";

export type ActivityInput = {
  /** lead_created, lead_updated, user_signed_in, role_changed, ... */
  type: string;
  entityType?: (typeof ENTITY_TYPES)[number];
  entityId?: string | Types.ObjectId;
  description?: string;
  metadata?: Record<string, unknown>;
};

/** Appends to the tenant's activity log, stamped with who acted, from which IP and user agent. */
export async function recordActivity(ctx: TenantContext, input: ActivityInput | ActivityInput[]): Promise<void> {
  const inputs = Array.isArray(input) ? input : [input];
  if (!inputs.length) return;
  await scoped(ctx, Activity).insertMany(
    inputs.map((a) => ({
      user_id: ctx.userId,
      type: a.type,
      entity_type: a.entityType,
      entity_id: a.entityId,
      description: a.description,
      metadata: a.metadata,
      ip_address: ctx.ip,
      user_agent: ctx.userAgent,
    })),
  );
}
