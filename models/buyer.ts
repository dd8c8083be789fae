import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { buyerSearchKeys } from "@/lib/validation/search-keys";
import {
  baseOptions,
  countersStateSchema,
  customFieldsField,
  emailField,
  enumField,
  money,
  nameField,
  phoneField,
  PROPERTY_TYPES,
  rederiveAfterUpdates,
  tenantField,
  tenantOwned,
  subdocumentOptions,
} from "./shared";
import { domainEvents } from "@/lib/core/events/plugin";

import { CREDIT_SCORES, EXPERIENCE_LEVELS, FUNDING_TYPES } from "./buyer-enums";

export { CREDIT_SCORES, EXPERIENCE_LEVELS, FUNDING_TYPES };

const buyerSchema = new Schema(
  {
    tenant_id: tenantField,
    name: nameField(),
    phone: phoneField(true),
    email: emailField(),
    company: { type: String, trim: true, maxlength: [100, "company must be at most 100 characters"] },
    website: { type: String, trim: true, maxlength: [2000, "website must be at most 2,000 characters"] },
    property_types: {
      type: [{ type: String, enum: { values: [...PROPERTY_TYPES], message: `property types must be among: ${PROPERTY_TYPES.join(", ")}` } }],
      default: [],
    },
    price_range: {
      min: money("minimum price"),
      max: money("maximum price"),
    },
    // Location keys from lib/buyers/locations.ts ("zip:75201", "city:tx:dallas", "county:tx:dallas", "state:tx").
    preferred_locations: {
      type: [{ type: String, trim: true, maxlength: [200, "preferred location must be at most 200 characters"] }],
      default: [],
      validate: { validator: (v: string[]) => v.length <= 100, message: "preferred locations: at most 100" },
    },
    investment_criteria: { type: String, maxlength: 5000 },
    funding_type: enumField(FUNDING_TYPES, "funding type"),
    credit_score: enumField(CREDIT_SCORES, "credit score"),
    experience_level: enumField(EXPERIENCE_LEVELS, "experience level"),
    notes: { type: String, maxlength: [20_000, "notes must be at most 20,000 characters"] },
    total_deals: { type: Number, default: 0, min: 0 },
    total_investment: { type: Number, default: 0, min: 0 },
    average_deal_size: { type: Number, default: 0, min: 0 },
    performance_metrics: {
      conversion_rate: Number,
      average_response_time: Number,
      deal_velocity: Number,
      roi_percentage: Number,
    },
    // Proof of funds: a document (stored through lib/storage) with the date it stops counting.
    proof_of_funds: {
      type: new Schema(
        {
          file_id: { type: String, trim: true, maxlength: 200 },
          file_name: { type: String, trim: true, maxlength: [255, "proof of funds file name must be at most 255 characters"] },
          content_type: { type: String, trim: true, maxlength: 120 },
          size: { type: Number, min: 0 },
          uploaded_at: Date,
          expires_at: Date,
        },
        subdocumentOptions,
      ),
      default: undefined,
    },
    tags: {
      type: [{ type: String, trim: true, maxlength: [50, "tag must be at most 50 characters"] }],
      default: [],
      validate: { validator: (v: string[]) => v.length <= 50, message: "tags: at most 50" },
    },
    is_active: { type: Boolean, default: true },
    is_verified: { type: Boolean, default: false },
    last_contacted: Date,
    communication_count: { type: Number, default: 0, min: 0 },
    // What communication_count and last_contacted are made of (lib/contact-counters), so a new message
    // is counted once without reading the others. Bookkeeping: never selected, never in an event.
    counters_state: { type: countersStateSchema, select: false },
    custom_fields: customFieldsField,
    // Replaces the spec's text index over name, company and e-mail (see leads).
    search_keys: { type: [String], default: [] },
  },
  baseOptions("buyers"),
);

type Bound = "min" | "max";
const PRICE_RANGE_MESSAGE = "price range minimum must not exceed the maximum";

/**
 * A bound as an update leaves it: `found` when the update decides it (a dotted path, or a whole
 * `price_range` object, which replaces both bounds).
 */
function boundInUpdate(update: Record<string, any> | null, bound: Bound): { found: boolean; value?: number } {
  for (const source of [update?.$set, update?.$setOnInsert, update]) {
    if (!source || typeof source !== "object") continue;
    if (source[`price_range.${bound}`] != null) return { found: true, value: Number(source[`price_range.${bound}`]) };
    if (source.price_range && typeof source.price_range === "object") {
      const value = source.price_range[bound];
      return { found: true, value: value == null ? undefined : Number(value) };
    }
  }
  return { found: false };
}

/**
 * min ≤ max on documents and on updates. An update that sets one bound is checked against the
 * other bound as stored in every document it matches, so it cannot leave min > max behind either.
 */
function priceRangeValidator(bound: Bound) {
  const other: Bound = bound === "min" ? "max" : "min";
  return async function (this: any, value: number | null | undefined): Promise<boolean> {
    if (value == null) return true;
    if (typeof this?.getUpdate !== "function") {
      // A document: its maximum carries the error, once.
      const min = this?.price_range?.min;
      const max = this?.price_range?.max;
      return bound === "min" || min == null || max == null || min <= max;
    }
    const theirs = boundInUpdate(this.getUpdate(), other);
    if (theirs.found) {
      if (bound === "min") return true; // both bounds in the update: the maximum reports it
      return theirs.value == null || theirs.value <= value;
    }
    const breaking = { ...this.getFilter(), [`price_range.${other}`]: bound === "min" ? { $lt: value } : { $gt: value } };
    return !(await this.model.exists(breaking).setOptions({ allTenants: this.getOptions().allTenants }));
  };
}

buyerSchema.path("price_range.min").validate({ validator: priceRangeValidator("min"), message: PRICE_RANGE_MESSAGE });
buyerSchema.path("price_range.max").validate({ validator: priceRangeValidator("max"), message: PRICE_RANGE_MESSAGE });

buyerSchema.pre("validate", function () {
  const buyer = this as unknown as BuyerDoc;
  buyer.search_keys = buyerSearchKeys(buyer);
});

buyerSchema.index({ tenant_id: 1, is_active: 1 });
buyerSchema.index({ tenant_id: 1, phone: 1 });
buyerSchema.index({ tenant_id: 1, email: 1 });
buyerSchema.index({ tenant_id: 1, property_types: 1 });
buyerSchema.index({ tenant_id: 1, "price_range.min": 1, "price_range.max": 1 });
buyerSchema.index({ tenant_id: 1, preferred_locations: 1 });
buyerSchema.index({ tenant_id: 1, last_contacted: -1 });
buyerSchema.index({ tenant_id: 1, tags: 1 });
buyerSchema.index({ tenant_id: 1, name: 1 });
// Replaces the spec's text index { tenant_id, name: "text", company: "text", email: "text" }.
buyerSchema.index({ tenant_id: 1, search_keys: 1 });
// The spec's Index Strategy.
buyerSchema.index({ tenant_id: 1, property_types: 1, "price_range.min": 1, "price_range.max": 1 });

tenantOwned(buyerSchema);
// After the guard, so an unscoped update is refused as itself.
rederiveAfterUpdates(buyerSchema, ["name", "phone", "email", "company"], (buyer: BuyerDoc) => ({ search_keys: buyerSearchKeys(buyer) }));

// Last: its post hooks run after the derived fields are written.
domainEvents(buyerSchema, "buyer");

export type BuyerDoc = InferSchemaType<typeof buyerSchema>;
export const Buyer: Model<BuyerDoc> = models.Buyer ?? model("Buyer", buyerSchema);
