import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, emailField, enumField, subdocumentOptions } from "./shared";

export const PLANS = ["basic", "professional", "enterprise"] as const;
export const SUBSCRIPTION_STATUSES = ["active", "suspended", "cancelled"] as const;

const tenantSettingsSchema = new Schema(
  {
    sms_enabled: { type: Boolean, default: true },
    call_enabled: { type: Boolean, default: true },
    llm_features_enabled: { type: Boolean, default: false },
    custom_branding: { type: Boolean, default: false },
    auto_tagging: { type: Boolean, default: false },
    ai_summaries: { type: Boolean, default: false },
    automation_enabled: { type: Boolean, default: false },
    advanced_analytics: { type: Boolean, default: false },
    ai_lead_scoring: { type: Boolean, default: false },
    ai_buyer_matching: { type: Boolean, default: false },
  },
  subdocumentOptions,
);

const domainClaimSchema = new Schema(
  {
    domain: { type: String, required: true, trim: true, lowercase: true, maxlength: 253 },
    token: { type: String, required: true, match: /^[0-9a-f]{32}$/ },
    requested_at: { type: Date, required: true },
  },
  subdocumentOptions,
);

const tenantSchema = new Schema(
  {
    name: { type: String, trim: true, required: [true, "company name is required"], maxlength: [100, "company name must be at most 100 characters"] },
    // Optional custom domain, verified: the one tenant_domains maps here. Its uniqueness lives
    // there (FerretDB has no sparse or partial unique index, so a unique index here would allow
    // only one tenant without a domain).
    domain: { type: String, trim: true, lowercase: true, maxlength: 253 },
    // A custom domain the company asked for and has not yet proved it controls (a DNS TXT record
    // with the token, lib/settings/domain-verification.ts). Not unique: any number of companies
    // may claim a domain, and the first to verify it gets it.
    domain_claim: { type: domainClaimSchema, default: undefined },
    subdomain: {
      type: String,
      trim: true,
      lowercase: true,
      required: [true, "subdomain is required"],
      match: [/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "subdomain must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen"],
    },
    subscription_plan: enumField(PLANS, "subscription plan", "basic"),
    subscription_status: enumField(SUBSCRIPTION_STATUSES, "subscription status", "active"),
    subscription_start_date: { type: Date, default: () => new Date() },
    subscription_end_date: Date,
    max_users: { type: Number, min: 1, default: 5 },
    max_leads: { type: Number, min: 0, default: 5000 },
    features_enabled: { type: [String], default: [] },
    settings: { type: tenantSettingsSchema, default: () => ({}) },
    billing_info: {
      contact_name: { type: String, trim: true, maxlength: 100 },
      contact_email: emailField(),
      billing_address: { type: String, trim: true, maxlength: 400 },
      payment_method: { type: String, trim: true, maxlength: 100 },
    },
  },
  baseOptions("tenants"),
);

tenantSchema.index({ domain: 1 });
tenantSchema.index({ subdomain: 1 }, { unique: true });
tenantSchema.index({ subscription_status: 1, subscription_end_date: 1 });

export type TenantDoc = InferSchemaType<typeof tenantSchema>;
export const Tenant: Model<TenantDoc> = models.Tenant ?? model("Tenant", tenantSchema);
