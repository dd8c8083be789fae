import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { PLAN_DEFAULTS, type Plan } from "@/lib/tenants/plans";
import { PLAN_LABELS } from "./plan-features";
import { Lead } from "@/models/lead";
import { Tenant } from "@/models/tenant";
import { User } from "@/models/user";
import { getTenantOrThrow } from "./get-tenant";
import { recordSettingsChange } from "./record-setting-change";

/**
 * Switches the subscription plan and applies its defaults: seats, leads, included features and
 * feature switches. Refused when the workspace already uses more than the new plan allows.
 */
export async function changePlan(ctx: TenantContext, plan: Plan): Promise<void> {
  requirePermission(ctx, "billing.manage");
  const tenant = await getTenantOrThrow(ctx);
  if (tenant.subscription_plan === plan) return;
  const defaults = PLAN_DEFAULTS[plan];
  const [activeUsers, leads] = await Promise.all([scoped(ctx, User).countDocuments({ is_active: true }), scoped(ctx, Lead).countDocuments()]);
  if (activeUsers > defaults.max_users) {
    throw new AppError(
      "limit_reached",
      `The ${PLAN_LABELS[plan]} plan allows ${defaults.max_users} users and this workspace has ${activeUsers} active. Deactivate ${activeUsers - defaults.max_users} first.`,
    );
  }
  if (leads > defaults.max_leads) {
    throw new AppError("limit_reached", `The ${PLAN_LABELS[plan]} plan allows ${defaults.max_leads.toLocaleString("en-US")} leads and this workspace has ${leads.toLocaleString("en-US")}.`);
  }
  const before = { plan: tenant.subscription_plan, max_users: tenant.max_users, max_leads: tenant.max_leads, settings: { ...(tenant.settings ?? {}) } };
  const after = { plan, max_users: defaults.max_users, max_leads: defaults.max_leads, settings: defaults.settings };
  await Tenant.updateOne(
    { _id: tenant._id },
    { $set: { subscription_plan: plan, max_users: defaults.max_users, max_leads: defaults.max_leads, features_enabled: defaults.features_enabled, settings: defaults.settings } },
    { runValidators: true },
  );
  await recordSettingsChange(ctx, "subscription plan", before, after);
}
