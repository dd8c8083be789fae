import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { appendOnlyOptions } from "./shared";

/**
 * The development outbox: e-mail the app would have sent, kept in the database when no SMTP
 * server is configured (SMTP_URL unset). Not behind the tenant guard because mail may be sent
 * outside any company (sign-up); every read in lib/mail filters on `tenant_id` itself.
 */
const mailMessageSchema = new Schema(
  {
    tenant_id: { type: Schema.Types.ObjectId, ref: "Tenant" },
    to: { type: String, required: true, maxlength: 254 },
    from: { type: String, maxlength: 320 },
    subject: { type: String, required: true, maxlength: 300 },
    text: { type: String, required: true, maxlength: 20_000 },
    html: { type: String, maxlength: 100_000 },
    // What the message is about (invite, ...), for tests and the outbox page.
    kind: { type: String, maxlength: 64 },
  },
  appendOnlyOptions("mail_outbox"),
);

mailMessageSchema.index({ tenant_id: 1, created_at: -1 });
mailMessageSchema.index({ created_at: -1 });

export type MailMessageDoc = InferSchemaType<typeof mailMessageSchema>;
export const MailMessage: Model<MailMessageDoc> = models.MailMessage ?? model("MailMessage", mailMessageSchema);
