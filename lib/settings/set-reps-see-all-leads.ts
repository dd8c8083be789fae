import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Setting } from "@/models/setting";
import { REPS_SEE_ALL_LEADS, repsSeeAllLeads } from "@/lib/core/permission-settings";
import { recordSettingsChange } from "./record-setting-change";

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
