import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { planAllowsSwitch, planLabel } from "./plan-features";
import { Tenant } from "@/models/tenant";
import { FEATURE_LABELS, isFeatureEnabled, type FeatureKey } from "./feature-keys";
import { getTenantOrThrow } from "./get-tenant";
import { recordSettingsChange } from "./record-setting-change";

/** Turns feature switches on or off. A switch the plan does not include cannot be turned on. */
export async function setFeatureSwitches(ctx: TenantContext, changes: Partial<Record<FeatureKey, boolean>>): Promise<void> {
  requirePermission(ctx, "settings.manage");
  const tenant = await getTenantOrThrow(ctx);
  const fieldErrors: Record<string, string[]> = {};
  const before: Record<string, boolean> = {};
  const after: Record<string, boolean> = {};
  for (const [key, on] of Object.entries(changes) as [FeatureKey, boolean][]) {
    const current = isFeatureEnabled(tenant, key);
    if (current === on) continue;
    if (on && !planAllowsSwitch(tenant, key)) {
      const plan = planLabel(tenant);
      fieldErrors[key] = [`${FEATURE_LABELS[key].label} is not part of the ${plan} plan`];
      continue;
    }
    before[key] = current;
    after[key] = on;
  }
  if (Object.keys(fieldErrors).length) throw new AppError("forbidden", "Some features are not part of your plan.", fieldErrors);
  if (!Object.keys(after).length) return;
  await Tenant.updateOne({ _id: tenant._id }, { $set: Object.fromEntries(Object.entries(after).map(([k, v]) => [`settings.${k}`, v])) });
  await recordSettingsChange(ctx, "feature switches", before, after);
}
