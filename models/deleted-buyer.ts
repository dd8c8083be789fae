import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { appendOnlyOptions, tenantField, tenantOwned } from "./shared";

/**
 * The buyer trash, like the lead trash (deleted-lead.ts): deleted buyers kept whole so a delete
 * can be undone, one batch per delete action, restorable until `expires_at`.
 */
const deletedBuyerSchema = new Schema(
  {
    tenant_id: tenantField,
    batch_id: { type: String, required: true, maxlength: 64 },
    buyer_id: { type: Schema.Types.ObjectId, required: true },
    buyer: { type: Schema.Types.Mixed, required: true },
    deleted_by: { type: Schema.Types.ObjectId, ref: "User" },
    expires_at: { type: Date, required: true },
  },
  { ...appendOnlyOptions("deleted_buyers"), minimize: false },
);

deletedBuyerSchema.index({ tenant_id: 1, batch_id: 1 });
deletedBuyerSchema.index({ tenant_id: 1, expires_at: 1 });

tenantOwned(deletedBuyerSchema);

export type DeletedBuyerDoc = InferSchemaType<typeof deletedBuyerSchema>;
export const DeletedBuyer: Model<DeletedBuyerDoc> = models.DeletedBuyer ?? model("DeletedBuyer", deletedBuyerSchema);
