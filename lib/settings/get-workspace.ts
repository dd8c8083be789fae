import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { FEATURE_KEYS, isFeatureAvailable, isFeatureEnabled, type FeatureKey } from "./feature-keys";
import { getTenantOrThrow } from "./get-tenant";
import { repsSeeAllLeads } from "@/lib/core/permission-settings";
import { isPlan, planAllowsSwitch } from "./plan-features";

export type Workspace = {
  name: string;
  subdomain: string;
  domain: string | null;
  plan: "basic" | "professional" | "enterprise";
  status: string;
  maxUsers: number;
  maxLeads: number;
  activeUsers: number;
  leads: number;
  billing: { contactName: string; contactEmail: string; billingAddress: string };
  /** `available`: built yet; a switch that is not is shown as not available, never as on. */
  features: { key: FeatureKey; on: boolean; allowed: boolean; available: boolean }[];
  repsSeeAllLeads: boolean;
};

/** Everything the workspace settings page shows. */
export async function getWorkspace(ctx: TenantContext): Promise<Workspace> {
  requirePermission(ctx, "settings.manage");
  const [tenant, activeUsers, leads, reps] = await Promise.all([
    getTenantOrThrow(ctx),
    scoped(ctx, User).countDocuments({ is_active: true }),
    scoped(ctx, Lead).countDocuments(),
    repsSeeAllLeads(ctx),
  ]);
  return {
    name: tenant.name,
    subdomain: tenant.subdomain,
    domain: tenant.domain ?? null,
    plan: isPlan(tenant.subscription_plan) ? tenant.subscription_plan : "basic",
    status: tenant.subscription_status ?? "active",
    maxUsers: tenant.max_users ?? 0,
    maxLeads: tenant.max_leads ?? 0,
    activeUsers,
    leads,
    billing: {
      contactName: tenant.billing_info?.contact_name ?? "",
      contactEmail: tenant.billing_info?.contact_email ?? "",
      billingAddress: tenant.billing_info?.billing_address ?? "",
    },
    features: FEATURE_KEYS.map((key) => ({ key, on: isFeatureEnabled(tenant, key), allowed: planAllowsSwitch(tenant, key), available: isFeatureAvailable(key) })),
    repsSeeAllLeads: reps,
  };
}
