import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { Setting } from "@/models/setting";
import { recordSettingsChange } from "./record-setting-change";

/** The workspace switch "reps see all leads": settings {category: "permissions", key: "reps_see_all_leads"}. */
export const REPS_SEE_ALL_LEADS = { category: "permissions", key: "reps_see_all_leads" } as const;

/**
 * Whether acquisition reps see every lead of the workspace, not only their own. Read by the
 * session code, which then grants REPS_SEE_ALL_GRANTS (lib/auth/permissions.ts) to reps.
 * Needs only a tenant in the context. Off unless the setting is exactly `true`.
 */
export async function repsSeeAllLeads(ctx: Pick<TenantContext, "tenantId">): Promise<boolean> {
  const row = await scoped(ctx as TenantContext, Setting).findOne(REPS_SEE_ALL_LEADS, { value: 1 }).lean();
  return row?.value === true;
}

export async function setRepsSeeAllLeads(ctx: TenantContext, enabled: boolean): Promise<void> {
  requirePermission(ctx, "settings.manage");
  const before = await repsSeeAllLeads(ctx);
  if (before === enabled) return;
  await scoped(ctx, Setting).updateOne(
    REPS_SEE_ALL_LEADS,
    {
      $set: { value: enabled },
      $setOnInsert: { description: "Acquisition reps see every lead, not only the ones assigned to them", is_system: false },
    },
    { upsert: true },
  );
  await recordSettingsChange(ctx, "reps see all leads", { reps_see_all_leads: before }, { reps_see_all_leads: enabled });
}
