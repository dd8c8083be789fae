import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, tenantField, tenantOwned } from "./shared";

/**
 * One outbound message a caller meant to send, by the caller's own key (a compose form's nonce, a
 * bulk send's `bulk:<id>:<lead>`, an automation step's run id). Claimed by insert before anything
 * else is written, so one key gives at most one communication, and so one Twilio message, however
 * often it is retried. Its own collection: FerretDB has no partial unique index on communications.
 */
const sendIntentSchema = new Schema(
  {
    tenant_id: tenantField,
    key: { type: String, required: true, maxlength: 200 },
    communication_id: { type: Schema.Types.ObjectId, required: true },
  },
  baseOptions("send_intents"),
);

sendIntentSchema.index({ tenant_id: 1, key: 1 }, { unique: true });

tenantOwned(sendIntentSchema);

export type SendIntentDoc = InferSchemaType<typeof sendIntentSchema>;
export const SendIntent: Model<SendIntentDoc> = models.SendIntent ?? model("SendIntent", sendIntentSchema);
