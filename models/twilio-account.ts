import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, tenantField, tenantOwned } from "./shared";

/**
 * A company's Twilio account: its SID and auth token, the token sealed with APP_SECRET_KEY
 * (lib/crypto/secret-box.ts). During a token rotation the secondary token is accepted too. One per
 * tenant.
 */
const twilioAccountSchema = new Schema(
  {
    tenant_id: tenantField,
    account_sid: { type: String, required: true, match: [/^AC[0-9a-f]{32}$/, "account SID must be AC followed by 32 hex digits"] },
    auth_token_sealed: { type: String, required: true, select: false },
    secondary_auth_token_sealed: { type: String, select: false },
  },
  baseOptions("twilio_accounts"),
);

twilioAccountSchema.index({ tenant_id: 1 }, { unique: true });

tenantOwned(twilioAccountSchema);

export type TwilioAccountDoc = InferSchemaType<typeof twilioAccountSchema>;
export const TwilioAccount: Model<TwilioAccountDoc> = models.TwilioAccount ?? model("TwilioAccount", twilioAccountSchema);
