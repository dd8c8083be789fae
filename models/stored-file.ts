import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, tenantField, tenantOwned } from "./shared";

/** What a stored file belongs to (a deal's documents, a buyer's proof of funds, ...). */
export const FILE_OWNER_TYPES = ["deal", "buyer", "lead", "tenant"] as const;
export const FILE_BACKENDS = ["gridfs", "s3"] as const;

/**
 * One uploaded file: its record (who owns it, what it is) in the app's database, its bytes in the
 * storage backend it names (GridFS in the same database by default, or S3). See lib/storage/.
 */
const storedFileSchema = new Schema(
  {
    tenant_id: tenantField,
    owner_type: { type: String, enum: FILE_OWNER_TYPES, required: true },
    owner_id: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true, maxlength: 200 },
    content_type: { type: String, required: true, maxlength: 200 },
    kind: { type: String, required: true, maxlength: 20 },
    size: { type: Number, required: true, min: 0 },
    sha256: { type: String, required: true, maxlength: 64 },
    backend: { type: String, enum: FILE_BACKENDS, required: true },
    uploaded_by: { type: Schema.Types.ObjectId, ref: "User" },
    // Small labels the owner module keeps with the file (e.g. the document type).
    labels: { type: Map, of: String, default: undefined },
  },
  baseOptions("stored_files"),
);

storedFileSchema.index({ tenant_id: 1, owner_type: 1, owner_id: 1 });

tenantOwned(storedFileSchema);

export type StoredFileDoc = InferSchemaType<typeof storedFileSchema>;
export const StoredFile: Model<StoredFileDoc> = models.StoredFile ?? model("StoredFile", storedFileSchema);
