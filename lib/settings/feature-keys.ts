// The workspace feature switches (tenant.settings): names and labels, safe for client code.

export const FEATURE_KEYS = [
  "sms_enabled",
  "call_enabled",
  "automation_enabled",
  "advanced_analytics",
  "auto_tagging",
  "llm_features_enabled",
  "ai_lead_scoring",
  "ai_buyer_matching",
  "ai_summaries",
  "custom_branding",
] as const;

export type FeatureKey = (typeof FEATURE_KEYS)[number];

export type FeatureSettings = Partial<Record<FeatureKey, boolean | null | undefined>>;

/** The value a switch has when the tenant document does not carry it (the model's defaults). */
export const FEATURE_DEFAULTS: Record<FeatureKey, boolean> = {
  sms_enabled: true,
  call_enabled: true,
  automation_enabled: false,
  advanced_analytics: false,
  auto_tagging: false,
  llm_features_enabled: false,
  ai_lead_scoring: false,
  ai_buyer_matching: false,
  ai_summaries: false,
  custom_branding: false,
};

export const FEATURE_LABELS: Record<FeatureKey, { label: string; description: string }> = {
  sms_enabled: { label: "Text messages", description: "Send and receive SMS with leads and buyers; shows the Inbox." },
  call_enabled: { label: "Calls", description: "Call leads and buyers from the browser and log calls; shows the Inbox." },
  automation_enabled: { label: "Automations", description: "Workflows that text, tag, assign or remind on triggers." },
  advanced_analytics: { label: "Analytics", description: "Pipeline, conversion and profit reports." },
  auto_tagging: { label: "Automatic tags", description: "Tag leads from their source and answers." },
  llm_features_enabled: { label: "AI assistance", description: "Language-model features such as reply drafts." },
  ai_lead_scoring: { label: "AI lead scoring", description: "Score leads by how likely they are to sell." },
  ai_buyer_matching: { label: "AI buyer matching", description: "Rank cash buyers for each property." },
  ai_summaries: { label: "AI summaries", description: "Summaries of a lead's calls and messages." },
  custom_branding: { label: "Custom branding", description: "Your logo and colours in the workspace and e-mails." },
};

/**
 * Whether the product has built the feature yet. A switch for one that is not built is shown as
 * "Not available yet" (never as on), and its section stays out of the menu, whatever is stored:
 * texts, calls, automations and analytics showed as switched on while none of them existed.
 */
const AVAILABLE_FEATURES: ReadonlySet<FeatureKey> = new Set<FeatureKey>(["sms_enabled", "call_enabled"]);

export function isFeatureAvailable(key: FeatureKey): boolean {
  return AVAILABLE_FEATURES.has(key);
}

export function isFeatureKey(value: unknown): value is FeatureKey {
  return typeof value === "string" && (FEATURE_KEYS as readonly string[]).includes(value);
}

/** Whether a switch is on for a tenant (its settings object), the model's default when unset. */
export function isFeatureEnabled(tenant: { settings?: FeatureSettings | null } | null | undefined, key: FeatureKey): boolean {
  const value = tenant?.settings?.[key];
  return typeof value === "boolean" ? value : FEATURE_DEFAULTS[key];
}
