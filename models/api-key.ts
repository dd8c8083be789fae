import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { PERMISSIONS } from "@/lib/core/permissions";
import { baseOptions, tenantField, tenantOwned } from "./shared";

/**
 * A tenant's key for the public API (`Authorization: Bearer dc_live_…`). Only the SHA-256 of the
 * secret is stored (the secret is shown once, when the key is created); `prefix` is its first
 * characters, so people can tell their keys apart. A key acts with its scopes, drawn from the same
 * permission list as roles. Revoking sets revoked_at; the key is kept for the record.
 */
const apiKeySchema = new Schema(
  {
    tenant_id: tenantField,
    name: { type: String, required: [true, "name is required"], trim: true, minlength: 1, maxlength: 100 },
    prefix: { type: String, required: true, maxlength: 32 },
    key_hash: { type: String, required: true, match: /^[0-9a-f]{64}$/, immutable: true },
    scopes: {
      type: [String],
      validate: {
        validator: (v: string[]) => v.length > 0 && v.every((s) => (PERMISSIONS as readonly string[]).includes(s)),
        message: "scopes must be one or more of the permission list",
      },
    },
    created_by: { type: Schema.Types.ObjectId, ref: "User" },
    last_used_at: { type: Date },
    revoked_at: { type: Date },
    revoked_by: { type: Schema.Types.ObjectId, ref: "User" },
    expires_at: { type: Date },
  },
  baseOptions("api_keys"),
);

// A secret's hash names one key in the whole database (random 190-bit secrets never collide; the
// index makes sure of it). Lookups add the tenant of the request's host.
apiKeySchema.index({ key_hash: 1 }, { unique: true });
apiKeySchema.index({ tenant_id: 1, created_at: -1 });

tenantOwned(apiKeySchema);

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema>;
export const ApiKey: Model<ApiKeyDoc> = models.ApiKey ?? model("ApiKey", apiKeySchema);
