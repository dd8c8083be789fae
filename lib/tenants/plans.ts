// What each subscription plan includes: seats, leads, the features it unlocks and the feature
// switches it starts with. Changing plan applies these defaults (lib/settings/change-plan.ts).
import type { FeatureKey } from "@/lib/settings/feature-keys";
import { PLANS } from "@/models/tenant";

export { PLANS };
export type Plan = (typeof PLANS)[number];

export type PlanDefaults = { max_users: number; max_leads: number; features_enabled: string[]; settings: Record<FeatureKey, boolean> };

const BASIC_FEATURES = ["lead_management", "buyer_management", "deal_tracking", "sms", "calling", "templates", "basic_analytics"];
const PROFESSIONAL_FEATURES = [...BASIC_FEATURES, "automation", "advanced_analytics", "custom_fields", "ai_lead_scoring", "api_access"];
const ENTERPRISE_FEATURES = [...PROFESSIONAL_FEATURES, "ai_summaries", "ai_buyer_matching", "llm_features", "custom_branding", "custom_domain"];

const OFF: Record<FeatureKey, boolean> = {
  sms_enabled: true,
  call_enabled: true,
  llm_features_enabled: false,
  custom_branding: false,
  auto_tagging: false,
  ai_summaries: false,
  automation_enabled: false,
  advanced_analytics: false,
  ai_lead_scoring: false,
  ai_buyer_matching: false,
};

export const PLAN_DEFAULTS: Record<Plan, PlanDefaults> = {
  basic: { max_users: 5, max_leads: 25_000, features_enabled: BASIC_FEATURES, settings: OFF },
  professional: {
    max_users: 25,
    max_leads: 250_000,
    features_enabled: PROFESSIONAL_FEATURES,
    settings: { ...OFF, auto_tagging: true, automation_enabled: true, advanced_analytics: true, ai_lead_scoring: true },
  },
  enterprise: {
    max_users: 250,
    max_leads: 2_500_000,
    features_enabled: ENTERPRISE_FEATURES,
    settings: Object.fromEntries(Object.keys(OFF).map((k) => [k, true])) as Record<FeatureKey, boolean>,
  },
};

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

/** Whether a tenant's plan (or its own feature list) lets it turn a switch on. */
export function planAllowsSwitch(tenant: { subscription_plan?: string | null; features_enabled?: string[] | null }, key: FeatureKey): boolean {
  const need = SWITCH_REQUIRES[key];
  if (!need) return true;
  const plan = isPlan(tenant.subscription_plan) ? tenant.subscription_plan : "basic";
  return (tenant.features_enabled ?? []).includes(need) || PLAN_DEFAULTS[plan].features_enabled.includes(need);
}
