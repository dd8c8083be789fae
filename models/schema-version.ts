import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";

/** One row per applied migration step (the spec's schema versioning). */
const schemaVersionSchema = new Schema(
  {
    collection: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    name: { type: String, required: true },
    applied_at: { type: Date, required: true, default: () => new Date() },
    changes: { type: [Schema.Types.Mixed], default: [] },
  },
  { collection: "schema_versions", versionKey: false, suppressReservedKeysWarning: true },
);

schemaVersionSchema.index({ collection: 1, version: 1 }, { unique: true });

export type SchemaVersionDoc = InferSchemaType<typeof schemaVersionSchema>;
export const SchemaVersion: Model<SchemaVersionDoc> = models.SchemaVersion ?? model("SchemaVersion", schemaVersionSchema);
