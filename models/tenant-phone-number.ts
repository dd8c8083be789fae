import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { E164_PATTERN } from "@/lib/validation/phone";
import { baseOptions } from "./shared";

/**
 * Which company a phone number belongs to: the only way a provider's webhook (an inbound text or
 * call, a status callback) finds its tenant, from the number that was called, which the provider
 * signs and a caller cannot forge. Unique, so a number serves one company. Not tenant-owned: it is
 * read by number before any tenant is known, like tenant_domains.
 */
const tenantPhoneNumberSchema = new Schema(
  {
    number: { type: String, required: true, trim: true, match: [E164_PATTERN, "number must be in E.164 form, such as +12145550100"] },
    tenant_id: { type: Schema.Types.ObjectId, ref: "Tenant", required: true, immutable: true },
    provider: { type: String, enum: ["twilio"], default: "twilio" },
  },
  baseOptions("tenant_phone_numbers"),
);

tenantPhoneNumberSchema.index({ number: 1 }, { unique: true });
tenantPhoneNumberSchema.index({ tenant_id: 1 });

export type TenantPhoneNumberDoc = InferSchemaType<typeof tenantPhoneNumberSchema>;
export const TenantPhoneNumber: Model<TenantPhoneNumberDoc> = models.TenantPhoneNumber ?? model("TenantPhoneNumber", tenantPhoneNumberSchema);
