import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, tenantField, tenantOwned } from "./shared";

/**
 * A file on its way in from a browser, in pieces of UPLOAD_CHUNK_BYTES (a request through the
 * app's proxy carries at most 10 MB). Taken into storage (lib/storage) by the module that owns
 * it, then deleted; abandoned ones are purged by the hourly maintenance.
 */
const fileUploadSchema = new Schema(
  {
    tenant_id: tenantField,
    user_id: { type: Schema.Types.ObjectId, ref: "User" },
    filename: { type: String, required: true, maxlength: 500 },
    file_size: { type: Number, required: true, min: 1 },
  },
  baseOptions("file_uploads"),
);
fileUploadSchema.index({ tenant_id: 1, created_at: 1 });
tenantOwned(fileUploadSchema);

const fileUploadPartSchema = new Schema(
  {
    tenant_id: tenantField,
    upload_id: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true, min: 0 },
    data: { type: Buffer, required: true },
  },
  baseOptions("file_upload_parts"),
);
fileUploadPartSchema.index({ tenant_id: 1, upload_id: 1 });
tenantOwned(fileUploadPartSchema);

export type FileUploadDoc = InferSchemaType<typeof fileUploadSchema>;
export const FileUpload: Model<FileUploadDoc> = models.FileUpload ?? model("FileUpload", fileUploadSchema);
export type FileUploadPartDoc = InferSchemaType<typeof fileUploadPartSchema>;
export const FileUploadPart: Model<FileUploadPartDoc> = models.FileUploadPart ?? model("FileUploadPart", fileUploadPartSchema);
