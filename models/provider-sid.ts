import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions } from "./shared";

/**
 * A Twilio message or call SID and the communication it is stored as. Claimed by insert (unique
 * SID) before the communication is written with the claimed id, so a webhook Twilio repeats, or
 * two copies racing, store the message once. Not tenant-owned (read by SID across tenants only to
 * refuse another company's SID): every lookup also names the tenant.
 */
const providerSidSchema = new Schema(
  {
    sid: { type: String, required: true, maxlength: 64 },
    tenant_id: { type: Schema.Types.ObjectId, ref: "Tenant", required: true, immutable: true },
    communication_id: { type: Schema.Types.ObjectId, required: true },
  },
  baseOptions("provider_sids"),
);

providerSidSchema.index({ sid: 1 }, { unique: true });

export type ProviderSidDoc = InferSchemaType<typeof providerSidSchema>;
export const ProviderSid: Model<ProviderSidDoc> = models.ProviderSid ?? model("ProviderSid", providerSidSchema);
