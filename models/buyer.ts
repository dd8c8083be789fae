import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { searchKeys } from "@/lib/validation/search-keys";
import {
  baseOptions,
  customFieldsField,
  emailField,
  enumField,
  money,
  nameField,
  phoneField,
  PROPERTY_TYPES,
  tenantField,
  tenantOwned,
} from "./shared";

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
    preferred_locations: { type: [String], default: [] },
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
    is_active: { type: Boolean, default: true },
    is_verified: { type: Boolean, default: false },
    last_contacted: Date,
    communication_count: { type: Number, default: 0, min: 0 },
    custom_fields: customFieldsField,
    // Replaces the spec's text index over name, company and e-mail (see leads).
    search_keys: { type: [String], default: [] },
  },
  baseOptions("buyers"),
);

buyerSchema.path("price_range.max").validate({
  validator: function (this: any, max: number | undefined) {
    // Runs on documents and on update queries (where `this` is the query).
    const min = typeof this.getUpdate === "function" ? (this.getUpdate()?.$set?.["price_range.min"] ?? this.getUpdate()?.["price_range.min"]) : this.price_range?.min;
    return max == null || min == null || min <= max;
  },
  message: "price range minimum must not exceed the maximum",
});

buyerSchema.pre("validate", function () {
  const buyer = this as unknown as BuyerDoc;
  buyer.search_keys = searchKeys(buyer);
});

buyerSchema.index({ tenant_id: 1, is_active: 1 });
buyerSchema.index({ tenant_id: 1, phone: 1 });
buyerSchema.index({ tenant_id: 1, email: 1 });
buyerSchema.index({ tenant_id: 1, property_types: 1 });
buyerSchema.index({ tenant_id: 1, "price_range.min": 1, "price_range.max": 1 });
buyerSchema.index({ tenant_id: 1, preferred_locations: 1 });
buyerSchema.index({ tenant_id: 1, last_contacted: -1 });
// Replaces the spec's text index { tenant_id, name: "text", company: "text", email: "text" }.
buyerSchema.index({ tenant_id: 1, search_keys: 1 });
// The spec's Index Strategy.
buyerSchema.index({ tenant_id: 1, property_types: 1, "price_range.min": 1, "price_range.max": 1 });

tenantOwned(buyerSchema);

export type BuyerDoc = InferSchemaType<typeof buyerSchema>;
export const Buyer: Model<BuyerDoc> = models.Buyer ?? model("Buyer", buyerSchema);
