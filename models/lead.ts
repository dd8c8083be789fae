import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { leadSearchKeys, addressKey } from "@/lib/validation/search-keys";
import {
  addressSchema,
  baseOptions,
  countersStateSchema,
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
  subdocumentOptions,
} from "./shared";
import { domainEvents } from "@/lib/core/events/plugin";

import { syncEmails, syncPhones } from "@/lib/leads/contacts/sync-contacts";
import { EMAIL_STATUSES, EMAIL_TYPES, LEAD_PRIORITIES, LEAD_STATUSES, MAX_CONTACT_POINTS, PHONE_STATUSES, PHONE_TYPES } from "./lead-enums";

export { LEAD_PRIORITIES, LEAD_STATUSES };

const leadPhoneSchema = new Schema(
  {
    number: phoneField(true),
    type: enumField(PHONE_TYPES, "phone type", "unknown"),
    status: enumField(PHONE_STATUSES, "phone status", "active"),
  },
  subdocumentOptions,
);

const leadEmailSchema = new Schema(
  {
    address: emailField(true),
    type: enumField(EMAIL_TYPES, "e-mail type"),
    status: enumField(EMAIL_STATUSES, "e-mail status"),
  },
  subdocumentOptions,
);

/** The owner's mailing address, apart from the property's. */
const mailingAddressSchema = new Schema(
  {
    street: { type: String, trim: true, maxlength: [200, "mailing street must be at most 200 characters"] },
    city: { type: String, trim: true, maxlength: [100, "mailing city must be at most 100 characters"] },
    state: { type: String, trim: true, maxlength: [50, "mailing state must be at most 50 characters"] },
    zip_code: { type: String, trim: true, maxlength: [20, "mailing ZIP code must be at most 20 characters"] },
  },
  subdocumentOptions,
);

const atMost = (label: string) => ({ validator: (v: unknown[]) => !v || v.length <= MAX_CONTACT_POINTS, message: `at most ${MAX_CONTACT_POINTS} ${label}` });

const leadSchema = new Schema(
  {
    tenant_id: tenantField,
    name: nameField(),
    phone: phoneField(true),
    email: emailField(),
    // Every number and address of the lead; [0] is the primary, always equal to phone / email.
    phones: { type: [leadPhoneSchema], default: undefined, validate: atMost("phones") },
    emails: { type: [leadEmailSchema], default: undefined, validate: atMost("e-mails") },
    mailing_address: { type: mailingAddressSchema, default: undefined },
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
    // What communication_count and last_contacted are made of (lib/contact-counters), so a new message
    // is counted once without reading the others. Bookkeeping: never selected, never in an event.
    counters_state: { type: countersStateSchema, select: false },
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

/**
 * What is derived from a lead's name, phones, e-mails and address. `written`: the paths an update
 * wrote (undefined on save, where the hook decides from the document's modified paths).
 */
function derivedLeadFields(lead: Pick<LeadDoc, "name" | "phone" | "email" | "address" | "phones" | "emails">, written?: string[] | "any") {
  const wrote = (path: string) => written === "any" || !!written?.some((p) => p === path || p.startsWith(`${path}.`));
  const phones = syncPhones(lead.phone, lead.phones, wrote("phone") && !wrote("phones"));
  const emails = syncEmails(lead.email, lead.emails, wrote("email") && !wrote("emails"));
  // Plain values (a document's own properties do not spread).
  const probe = { name: lead.name, address: lead.address, phone: phones.phone ?? lead.phone, email: emails.email, phones: phones.phones, emails: emails.emails };
  return {
    phone: probe.phone,
    email: probe.email ?? undefined,
    phones: phones.phones,
    emails: emails.emails.length ? emails.emails : undefined,
    "address.full_address": (lead.address && fullAddress(lead.address)) ?? lead.address?.full_address ?? undefined,
    search_keys: leadSearchKeys(probe),
    address_key: addressKey(lead.address) ?? undefined,
  };
}

leadSchema.pre("validate", function () {
  const lead = this as unknown as LeadDoc;
  // The list wins when it was written; a `phone` / `email` written alone replaces the primary.
  const phones = syncPhones(lead.phone, lead.phones, !this.isNew && this.isModified("phone") && !this.isModified("phones"));
  const emails = syncEmails(lead.email, lead.emails, !this.isNew && this.isModified("email") && !this.isModified("emails"));
  if (phones.phone) lead.phone = phones.phone;
  if (JSON.stringify(phones.phones) !== JSON.stringify(plainList(lead.phones))) this.set("phones", phones.phones);
  if (lead.email !== emails.email) this.set("email", emails.email);
  const emailList = emails.emails.length ? emails.emails : undefined;
  if (JSON.stringify(emailList ?? null) !== JSON.stringify(lead.emails?.length ? plainList(lead.emails) : null)) this.set("emails", emailList);
  const derived = derivedLeadFields(lead);
  if (lead.address) lead.address.full_address = derived["address.full_address"];
  lead.search_keys = derived.search_keys;
  lead.address_key = derived.address_key;
});

leadSchema.index({ tenant_id: 1, status: 1 });
leadSchema.index({ tenant_id: 1, assigned_to: 1 });
leadSchema.index({ tenant_id: 1, phone: 1 });
leadSchema.index({ tenant_id: 1, email: 1 });
// Duplicate detection and inbound matching by any of a lead's numbers and addresses.
leadSchema.index({ tenant_id: 1, "phones.number": 1 });
leadSchema.index({ tenant_id: 1, "emails.address": 1 });
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
rederiveAfterUpdates(leadSchema, ["name", "phone", "email", "address", "phones", "emails"], derivedLeadFields);

// Last: its post hooks run after the derived fields are written.
domainEvents(leadSchema, "lead");

function plainList(list: unknown): unknown[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => (item && typeof item === "object" && "toObject" in item ? (item as { toObject(): unknown }).toObject() : item));
}

export type LeadDoc = InferSchemaType<typeof leadSchema>;
export const Lead: Model<LeadDoc> = models.Lead ?? model("Lead", leadSchema);
