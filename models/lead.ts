import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { leadSearchKeys, addressKey } from "@/lib/validation/search-keys";
import {
  addressSchema,
  baseOptions,
  customFieldsField,
  emailField,
  enumField,
  fullAddress,
  money,
  nameField,
  phoneField,
  propertyDetailsSchema,
  rederiveAfterUpdates,
  tenantField,
  tenantOwned,
} from "./shared";
import { domainEvents } from "@/lib/core/events/plugin";

import { LEAD_PRIORITIES, LEAD_STATUSES } from "./lead-enums";

export { LEAD_PRIORITIES, LEAD_STATUSES };

const leadSchema = new Schema(
  {
    tenant_id: tenantField,
    name: nameField(),
    phone: phoneField(true),
    email: emailField(),
    address: { type: addressSchema, default: () => ({}) },
    property_details: { type: propertyDetailsSchema, default: () => ({}) },
    estimated_value: money("estimated value"),
    asking_price: money("asking price"),
    // The spec lists `source` twice; it is one field (website, referral, cold_call, ...).
    source: { type: String, trim: true, lowercase: true, maxlength: [50, "source must be at most 50 characters"] },
    status: { ...enumField(LEAD_STATUSES, "status", "new"), required: [true, "status is required"] },
    priority: enumField(LEAD_PRIORITIES, "priority", "medium"),
    assigned_to: { type: Schema.Types.ObjectId, ref: "User" },
    tags: { type: [String], default: [] },
    notes: { type: String, maxlength: [20_000, "notes must be at most 20,000 characters"] },
    communication_count: { type: Number, default: 0, min: 0 },
    last_contacted: Date,
    next_follow_up: Date,
    custom_fields: customFieldsField,
    ai_summary: String,
    ai_tags: { type: [String], default: [] },
    lead_score: { type: Number, min: [0, "lead score must be 0 to 100"], max: [100, "lead score must be 0 to 100"] },
    qualification_probability: {
      type: Number,
      min: [0, "qualification probability must be 0 to 1"],
      max: [1, "qualification probability must be 0 to 1"],
    },
    automation_data: {
      workflow_id: { type: Schema.Types.ObjectId, ref: "Workflow" },
      last_automation_step: String,
      automation_history: [{ _id: false, step: String, executed_at: Date, result: String }],
    },
    // Derived on save (FerretDB has no text index): lower-case name words, the whole name,
    // phone digits with and without country code, and the e-mail, matched with an anchored prefix.
    search_keys: { type: [String], default: [] },
    // Normalised street + zip for duplicate detection by address.
    address_key: { type: String },
  },
  baseOptions("leads"),
);

/** What is derived from a lead's name, phone, e-mail and address. */
function derivedLeadFields(lead: Pick<LeadDoc, "name" | "phone" | "email" | "address">) {
  return {
    "address.full_address": (lead.address && fullAddress(lead.address)) ?? lead.address?.full_address ?? undefined,
    search_keys: leadSearchKeys(lead),
    address_key: addressKey(lead.address) ?? undefined,
  };
}

leadSchema.pre("validate", function () {
  const lead = this as unknown as LeadDoc;
  const derived = derivedLeadFields(lead);
  if (lead.address) lead.address.full_address = derived["address.full_address"];
  lead.search_keys = derived.search_keys;
  lead.address_key = derived.address_key;
});

leadSchema.index({ tenant_id: 1, status: 1 });
leadSchema.index({ tenant_id: 1, assigned_to: 1 });
leadSchema.index({ tenant_id: 1, phone: 1 });
leadSchema.index({ tenant_id: 1, email: 1 });
leadSchema.index({ tenant_id: 1, source: 1 });
leadSchema.index({ tenant_id: 1, tags: 1 });
leadSchema.index({ tenant_id: 1, last_contacted: -1 });
leadSchema.index({ tenant_id: 1, next_follow_up: 1 });
// Replaces the spec's text index { tenant_id, name: "text", phone: "text", email: "text" }.
leadSchema.index({ tenant_id: 1, search_keys: 1 });
leadSchema.index({ tenant_id: 1, address_key: 1 });
// The spec's Index Strategy.
leadSchema.index({ tenant_id: 1, status: 1, created_at: -1 });
leadSchema.index({ tenant_id: 1, assigned_to: 1, status: 1 });

tenantOwned(leadSchema);
// After the guard, so an unscoped update is refused as itself.
rederiveAfterUpdates(leadSchema, ["name", "phone", "email", "address"], derivedLeadFields);

// Last: its post hooks run after the derived fields are written.
domainEvents(leadSchema, "lead");

export type LeadDoc = InferSchemaType<typeof leadSchema>;
export const Lead: Model<LeadDoc> = models.Lead ?? model("Lead", leadSchema);
