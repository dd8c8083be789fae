import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, tenantField, tenantOwned } from "./shared";

/**
 * One bulk text as asked (lib/communications/bulk): who asked, the words, the leads. Kept in the
 * database, not only in its BullMQ job, so a Redis that lost its data (a restart without
 * persistence) loses no bulk send: the send sweep queues an unfinished one again, and its walk,
 * keyed per lead (`bulk:<bulk_id>:<lead>`), sends nothing twice. The summary is stored when the
 * walk finishes.
 */
const bulkTextSchema = new Schema(
  {
    tenant_id: tenantField,
    bulk_id: { type: String, required: true, maxlength: 64 },
    user_id: Schema.Types.ObjectId,
    role: String,
    // The starter's own permissions when their context named them (else their role's).
    permissions: { type: [String], default: undefined },
    lead_ids: [Schema.Types.ObjectId],
    body: { type: String, required: true, maxlength: 1600 },
    template_id: Schema.Types.ObjectId,
    total: { type: Number, required: true },
    finished_at: Date,
    summary: Schema.Types.Mixed,
    /** Times the send sweep queued it again after its job failed. */
    resumes: Number,
    failed_at: Date,
    error_message: String,
  },
  baseOptions("bulk_texts"),
);

bulkTextSchema.index({ tenant_id: 1, bulk_id: 1 }, { unique: true });
bulkTextSchema.index({ tenant_id: 1, finished_at: 1 });

tenantOwned(bulkTextSchema);

export type BulkTextDoc = InferSchemaType<typeof bulkTextSchema>;
export const BulkText: Model<BulkTextDoc> = models.BulkText ?? model("BulkText", bulkTextSchema);
