import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { appendOnlyOptions, baseOptions, enumField, tenantField, tenantOwned } from "./shared";

// A CSV import of leads: the uploaded file (in lead_import_chunks), the column mapping, and the
// progress of the BullMQ job that processes it. The job commits rows in batches and records the
// next row to process here, so a retry after a crash continues from the last committed batch.
export const LEAD_IMPORT_STATUSES = ["uploading", "ready", "queued", "running", "completed", "failed", "cancelled"] as const;
export const DEDUPE_MODES = ["skip", "update", "create"] as const;

const leadImportSchema = new Schema(
  {
    tenant_id: tenantField,
    user_id: { type: Schema.Types.ObjectId, ref: "User" },
    // Who started it and from where, for the activity records the worker writes on their behalf.
    ip_address: { type: String, maxlength: 64 },
    user_agent: { type: String, maxlength: 512 },
    // Whether the importer sees every lead (decides duplicate visibility and default assignment).
    read_all: { type: Boolean, default: false },
    // What the rows become: leads, or cash buyers (the same upload, preview and report pipeline).
    kind: { type: String, enum: { values: ["leads", "buyers"], message: "kind must be leads or buyers" }, default: "leads" },
    file_name: { type: String, trim: true, maxlength: 255, required: true },
    file_size: { type: Number, min: 0, required: true },
    chunk_count: { type: Number, min: 0, default: 0 },
    encoding: { type: String, maxlength: 20 },
    delimiter: { type: String, maxlength: 1 },
    status: { ...enumField(LEAD_IMPORT_STATUSES, "status", "uploading"), required: true },
    headers: { type: [String], default: [] },
    row_count: { type: Number, min: 0, default: 0 },
    // column index → target ("name", "phone", "address.street", "custom:motivation", "notes", "ignore", ...)
    mapping: { type: [{ _id: false, column: Number, header: String, target: String }], default: [] },
    options: {
      dedupe: enumField(DEDUPE_MODES, "dedupe", "skip"),
      source: { type: String, trim: true, lowercase: true, maxlength: 50 },
      tags: { type: [String], default: [] },
      assign_to: { type: Schema.Types.ObjectId, ref: "User" },
      // The importer's time zone when the import started: a follow-up day without a time is 9:00 there.
      time_zone: { type: String, maxlength: 64 },
    },
    progress: {
      next_row: { type: Number, default: 0 },
      created: { type: Number, default: 0 },
      updated: { type: Number, default: 0 },
      skipped: { type: Number, default: 0 },
      rejected: { type: Number, default: 0 },
      // Created or updated rows that had a value left out (listed in the report; not in the four counts above).
      warned: { type: Number, default: 0 },
    },
    limit_reached: { type: Boolean, default: false },
    cancel_requested: { type: Boolean, default: false },
    error: { type: String, maxlength: 2000 },
    attempts: { type: Number, default: 0 },
    started_at: Date,
    finished_at: Date,
  },
  baseOptions("lead_imports"),
);

leadImportSchema.index({ tenant_id: 1, created_at: -1 });
leadImportSchema.index({ tenant_id: 1, status: 1 });

tenantOwned(leadImportSchema);

export type LeadImportDoc = InferSchemaType<typeof leadImportSchema>;
export const LeadImport: Model<LeadImportDoc> = models.LeadImport ?? model("LeadImport", leadImportSchema);

// A piece of the uploaded file, as uploaded (decoded only when read, so the original bytes decide
// the encoding). Its _id is derived from the import and the piece number: re-sending a piece
// replaces it, and reading it is a primary-key lookup.
const leadImportChunkSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    tenant_id: tenantField,
    import_id: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, min: 0, required: true },
    data: { type: Buffer, default: () => Buffer.alloc(0) },
  },
  appendOnlyOptions("lead_import_chunks"),
);
leadImportChunkSchema.index({ tenant_id: 1, import_id: 1, seq: 1 }, { unique: true });
tenantOwned(leadImportChunkSchema);

export type LeadImportChunkDoc = InferSchemaType<typeof leadImportChunkSchema>;
export const LeadImportChunk: Model<LeadImportChunkDoc> = models.LeadImportChunk ?? model("LeadImportChunk", leadImportChunkSchema);

// A row that was not imported (rejected, skipped as a duplicate, or beyond the plan's limit), or was
// imported with a value left out (warned), with its original cells: the downloadable report. Its
// _id is derived from the import and the row, so a retried batch writes each row once.
export const IMPORT_ROW_OUTCOMES = ["rejected", "skipped", "warned"] as const;
const leadImportRowSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    tenant_id: tenantField,
    import_id: { type: Schema.Types.ObjectId, required: true },
    row: { type: Number, required: true },
    line: { type: Number },
    outcome: { ...enumField(IMPORT_ROW_OUTCOMES, "outcome"), required: true },
    reason: { type: String, maxlength: 2000, required: true },
    cells: { type: [String], default: [] },
  },
  appendOnlyOptions("lead_import_rows"),
);
leadImportRowSchema.index({ tenant_id: 1, import_id: 1, row: 1 });
tenantOwned(leadImportRowSchema);

export type LeadImportRowDoc = InferSchemaType<typeof leadImportRowSchema>;
export const LeadImportRow: Model<LeadImportRowDoc> = models.LeadImportRow ?? model("LeadImportRow", leadImportRowSchema);
