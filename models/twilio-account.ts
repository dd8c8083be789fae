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
    // Sends through this Messaging Service (its number pool) instead of one number, when set.
    messaging_service_sid: { type: String, trim: true, match: [/^MG[0-9a-f]{32}$/, "messaging service SID must be MG followed by 32 hex digits"] },
    // A2P 10DLC registration, as the admin reads it in Twilio's console: carriers filter texts
    // from long codes until both are approved.
    a2p_brand_status: { type: String, enum: ["not_registered", "pending", "approved", "failed"], default: "not_registered" },
    a2p_campaign_status: { type: String, enum: ["not_registered", "pending", "approved", "failed"], default: "not_registered" },
    // When Twilio last accepted the credentials (checked on save).
    verified_at: Date,
    // The demo companies' account on the local Twilio (scripts/lib/local-twilio.mjs): labelled "simulated".
    simulated: { type: Boolean, default: false },
  },
  baseOptions("twilio_accounts"),
);

twilioAccountSchema.index({ tenant_id: 1 }, { unique: true });

tenantOwned(twilioAccountSchema);

export type TwilioAccountDoc = InferSchemaType<typeof twilioAccountSchema>;
export const TwilioAccount: Model<TwilioAccountDoc> = models.TwilioAccount ?? model("TwilioAccount", twilioAccountSchema);
