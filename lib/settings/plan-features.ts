// How plans and feature switches meet: which plan feature each switch needs. The plan table
// itself (limits, features, default switches) is lib/tenants/plans.ts.
import { PLAN_DEFAULTS, PLANS, type Plan } from "@/lib/tenants/plans";
import type { FeatureKey } from "./feature-keys";

export const PLAN_LABELS: Record<Plan, string> = { basic: "Basic", professional: "Professional", enterprise: "Enterprise" };

/** The plan feature each switch needs (null: every plan may turn it on). */
export const SWITCH_REQUIRES: Record<FeatureKey, string | null> = {
  sms_enabled: "sms",
  call_enabled: "calling",
  automation_enabled: "automation",
  advanced_analytics: "advanced_analytics",
  auto_tagging: null,
  llm_features_enabled: "llm_features",
  ai_lead_scoring: "ai_lead_scoring",
  ai_buyer_matching: "ai_buyer_matching",
  ai_summaries: "ai_summaries",
  custom_branding: "custom_branding",
};

export function isPlan(value: unknown): value is Plan {
  return typeof value === "string" && (PLANS as readonly string[]).includes(value);
}

type PlanHolder = { subscription_plan?: string | null; features_enabled?: string[] | null };

/** Whether a tenant's own feature list, or its plan's defaults, include a plan feature. */
export function planIncludes(tenant: PlanHolder, feature: string): boolean {
  const plan = isPlan(tenant.subscription_plan) ? tenant.subscription_plan : "basic";
  return (tenant.features_enabled ?? []).includes(feature) || PLAN_DEFAULTS[plan].features_enabled.includes(feature);
}

/** Whether a tenant's plan (or its own feature list) lets it turn a switch on. */
export function planAllowsSwitch(tenant: PlanHolder, key: FeatureKey): boolean {
  const need = SWITCH_REQUIRES[key];
  return !need || planIncludes(tenant, need);
}

/** The tenant's plan in words ("Basic"), or "current" for an unknown one. */
export function planLabel(tenant: { subscription_plan?: string | null }): string {
  return isPlan(tenant.subscription_plan) ? PLAN_LABELS[tenant.subscription_plan] : "current";
}
