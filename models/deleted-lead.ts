import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { appendOnlyOptions, tenantField, tenantOwned } from "./shared";

/**
 * The lead trash: deleted leads kept whole (`lead` is the stored document, _id included) so a
 * delete can be undone. One batch per delete action; restorable until `expires_at`, then purged
 * by purgeExpiredTrash (FerretDB has no TTL index).
 */
const deletedLeadSchema = new Schema(
  {
    tenant_id: tenantField,
    batch_id: { type: String, required: true, maxlength: 64 },
    lead_id: { type: Schema.Types.ObjectId, required: true },
    lead: { type: Schema.Types.Mixed, required: true },
    deleted_by: { type: Schema.Types.ObjectId, ref: "User" },
    expires_at: { type: Date, required: true },
  },
  { ...appendOnlyOptions("deleted_leads"), minimize: false },
);

deletedLeadSchema.index({ tenant_id: 1, batch_id: 1 });
deletedLeadSchema.index({ tenant_id: 1, lead_id: 1 });
deletedLeadSchema.index({ tenant_id: 1, expires_at: 1 });

tenantOwned(deletedLeadSchema);

export type DeletedLeadDoc = InferSchemaType<typeof deletedLeadSchema>;
export const DeletedLead: Model<DeletedLeadDoc> = models.DeletedLead ?? model("DeletedLead", deletedLeadSchema);
