import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { addressSchema, baseOptions, enumField, fullAddress, money, propertyDetailsSchema, rederiveAfterUpdates, tenantField, tenantOwned } from "./shared";
import { domainEvents } from "@/lib/core/events/plugin";

import { DEAL_DOCUMENT_TYPES, DEAL_STATUSES, DEAL_TYPES } from "./deal-enums";

export { DEAL_STATUSES, DEAL_TYPES };

const dealSchema = new Schema(
  {
    tenant_id: tenantField,
    lead_id: { type: Schema.Types.ObjectId, ref: "Lead" },
    buyer_id: { type: Schema.Types.ObjectId, ref: "Buyer" },
    assigned_to: { type: Schema.Types.ObjectId, ref: "User" },
    status: { ...enumField(DEAL_STATUSES, "status", "pending"), required: [true, "status is required"] },
    deal_type: enumField(DEAL_TYPES, "deal type", "wholesale"),
    property_address: { type: addressSchema, default: () => ({}) },
    property_details: { type: propertyDetailsSchema, default: () => ({}) },
    // Whole dollars (FerretDB has no Decimal128).
    financials: {
      purchase_price: money("purchase price"),
      sale_price: money("sale price"),
      rehab_cost: money("rehab cost"),
      closing_costs: money("closing costs"),
      holding_costs: money("holding costs"),
      // Wholesale: what the buyer pays us for the contract.
      assignment_fee: money("assignment fee"),
      // Derived on the server from the amounts above (lib/deals/financials.ts), never typed.
      profit: Number,
      roi: Number,
    },
    // The deal analyzer's last saved run (lib/deals/analyzer.ts): inputs and what they gave.
    analysis: {
      arv: money("ARV"),
      repairs: money("repairs"),
      offer_rule: { type: Number, min: [1, "offer rule must be 1 to 100 percent"], max: [100, "offer rule must be 1 to 100 percent"] },
      assignment_fee: money("assignment fee"),
      mao: Number,
      offer_to_seller: Number,
      spread: Number,
      analyzed_at: Date,
    },
    cancel_reason: { type: String, trim: true, maxlength: [1000, "cancel reason must be at most 1,000 characters"] },
    timeline: {
      contract_date: Date,
      closing_date: Date,
      rehab_start_date: Date,
      rehab_end_date: Date,
      listing_date: Date,
      sale_date: Date,
    },
    notes: { type: String, maxlength: [20_000, "notes must be at most 20,000 characters"] },
    // Files kept through lib/storage (their bytes in GridFS or S3, their record in stored_files);
    // served only by the deal's authorised download route (lib/deals/documents/).
    documents: [
      {
        _id: false,
        file_id: { type: Schema.Types.ObjectId, required: [true, "file is required"] },
        name: { type: String, trim: true, required: [true, "name is required"], maxlength: [200, "name must be at most 200 characters"] },
        // The app's own download path for the file (the founding spec's `url`).
        url: { type: String, trim: true, maxlength: 2000 },
        type: enumField(DEAL_DOCUMENT_TYPES, "document type", "other"),
        content_type: { type: String, maxlength: 200 },
        size: { type: Number, min: 0 },
        uploaded_at: Date,
        uploaded_by: { type: Schema.Types.ObjectId, ref: "User" },
      },
    ],
  },
  baseOptions("deals"),
);

dealSchema.pre("validate", function () {
  const deal = this as unknown as DealDoc;
  if (deal.property_address) {
    deal.property_address.full_address = fullAddress(deal.property_address) ?? deal.property_address.full_address;
  }
});

dealSchema.index({ tenant_id: 1, status: 1 });
dealSchema.index({ tenant_id: 1, lead_id: 1 });
dealSchema.index({ tenant_id: 1, buyer_id: 1 });
dealSchema.index({ tenant_id: 1, assigned_to: 1 });
dealSchema.index({ tenant_id: 1, deal_type: 1 });
dealSchema.index({ tenant_id: 1, "timeline.closing_date": 1 });

tenantOwned(dealSchema);
// After the guard, so an unscoped update is refused as itself.
rederiveAfterUpdates(dealSchema, ["property_address"], (deal: DealDoc) => ({
  "property_address.full_address": (deal.property_address && fullAddress(deal.property_address)) ?? deal.property_address?.full_address ?? undefined,
}));

// Last: its post hooks run after the derived fields are written.
domainEvents(dealSchema, "deal");

export type DealDoc = InferSchemaType<typeof dealSchema>;
export const Deal: Model<DealDoc> = models.Deal ?? model("Deal", dealSchema);
