import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, enumField, tenantField, tenantOwned } from "./shared";

// The journal of a lead merge. FerretDB has no transactions, so a merge is a sequence of
// idempotent steps recorded here: a retry after a crash reads the journal and finishes the job.
export const LEAD_MERGE_STATUSES = ["in_progress", "done"] as const;

const leadMergeSchema = new Schema(
  {
    tenant_id: tenantField,
    kept_id: { type: Schema.Types.ObjectId, required: true },
    merged_id: { type: Schema.Types.ObjectId, required: true },
    status: { ...enumField(LEAD_MERGE_STATUSES, "status", "in_progress"), required: true },
    // The merged-away lead as it was, and the fields computed for the kept lead at the start:
    // applying the same patch twice gives the same lead.
    snapshot: { type: Schema.Types.Mixed, required: true },
    patch: { type: Schema.Types.Mixed, required: true },
    steps: { type: [String], default: [] },
    user_id: { type: Schema.Types.ObjectId, ref: "User" },
    completed_at: Date,
  },
  { ...baseOptions("lead_merges"), minimize: false },
);

leadMergeSchema.index({ tenant_id: 1, merged_id: 1 }, { unique: true });
leadMergeSchema.index({ tenant_id: 1, kept_id: 1 });

tenantOwned(leadMergeSchema);

export type LeadMergeDoc = InferSchemaType<typeof leadMergeSchema>;
export const LeadMerge: Model<LeadMergeDoc> = models.LeadMerge ?? model("LeadMerge", leadMergeSchema);
