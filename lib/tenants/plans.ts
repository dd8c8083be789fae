// What each subscription plan includes: seats, leads, the features it unlocks and the feature
// switches it starts with. Sign-up creates a company with these; changing plan applies them
// (lib/settings/change-plan.ts); which switch needs which feature is lib/settings/plan-features.ts.
import { PLANS } from "@/models/tenant";

export type Plan = (typeof PLANS)[number];
export { PLANS };

export type TenantSettings = {
  sms_enabled: boolean;
  call_enabled: boolean;
  llm_features_enabled: boolean;
  custom_branding: boolean;
  auto_tagging: boolean;
  ai_summaries: boolean;
  automation_enabled: boolean;
  advanced_analytics: boolean;
  ai_lead_scoring: boolean;
  ai_buyer_matching: boolean;
};

export type PlanDefaults = {
  max_users: number;
  max_leads: number;
  features_enabled: string[];
  settings: TenantSettings;
};

const BASIC_FEATURES = ["lead_management", "buyer_management", "deal_tracking", "sms", "calling", "templates", "basic_analytics"];
const PROFESSIONAL_FEATURES = [...BASIC_FEATURES, "automation", "advanced_analytics", "custom_fields", "ai_lead_scoring", "api_access"];
const ENTERPRISE_FEATURES = [...PROFESSIONAL_FEATURES, "ai_summaries", "ai_buyer_matching", "llm_features", "custom_branding", "custom_domain"];

const BASIC_SETTINGS: TenantSettings = {
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
  basic: { max_users: 5, max_leads: 25_000, features_enabled: BASIC_FEATURES, settings: BASIC_SETTINGS },
  professional: {
    max_users: 25,
    max_leads: 250_000,
    features_enabled: PROFESSIONAL_FEATURES,
    settings: { ...BASIC_SETTINGS, auto_tagging: true, automation_enabled: true, advanced_analytics: true, ai_lead_scoring: true },
  },
  enterprise: {
    max_users: 250,
    max_leads: 2_500_000,
    features_enabled: ENTERPRISE_FEATURES,
    settings: Object.fromEntries(Object.keys(BASIC_SETTINGS).map((k) => [k, true])) as TenantSettings,
  },
};

/** The tenant fields a plan sets: limits, features and feature switches. */
export function planFields(plan: Plan) {
  const { max_users, max_leads, features_enabled, settings } = PLAN_DEFAULTS[plan];
  return { subscription_plan: plan, max_users, max_leads, features_enabled: [...features_enabled], settings: { ...settings } };
}
