import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, enumField, tenantField, tenantOwned } from "./shared";
import { domainEvents } from "@/lib/core/events/plugin";

export const COMMUNICATION_TYPES = ["sms", "call", "email"] as const;
export const DIRECTIONS = ["inbound", "outbound"] as const;
export const RECIPIENT_TYPES = ["lead", "buyer"] as const;
// The spec's statuses, plus Twilio's `queued` before `sent` and `received` for inbound messages.
export const COMMUNICATION_STATUSES = ["scheduled", "queued", "sent", "delivered", "failed", "received", "answered", "missed"] as const;

const communicationSchema = new Schema(
  {
    tenant_id: tenantField,
    type: { ...enumField(COMMUNICATION_TYPES, "type"), required: [true, "type is required"] },
    direction: { ...enumField(DIRECTIONS, "direction"), required: [true, "direction is required"] },
    recipient_type: { ...enumField(RECIPIENT_TYPES, "recipient type"), required: [true, "recipient type is required"] },
    recipient_id: { type: Schema.Types.ObjectId, required: [true, "recipient is required"] },
    sender_id: { type: Schema.Types.ObjectId, ref: "User" },
    content: { type: String, maxlength: [20_000, "content must be at most 20,000 characters"] },
    status: enumField(COMMUNICATION_STATUSES, "status"),
    twilio_sid: { type: String, trim: true },
    twilio_status: String,
    duration: { type: Number, min: 0 },
    scheduled_at: Date,
    sent_at: Date,
    delivered_at: Date,
    read_at: Date,
    metadata: {
      device_info: String,
      location: String,
      cost: Number,
    },
  },
  baseOptions("communications"),
);

communicationSchema.index({ tenant_id: 1, recipient_type: 1, recipient_id: 1 });
communicationSchema.index({ tenant_id: 1, sender_id: 1 });
communicationSchema.index({ tenant_id: 1, type: 1 });
communicationSchema.index({ tenant_id: 1, status: 1 });
communicationSchema.index({ tenant_id: 1, scheduled_at: 1 });
communicationSchema.index({ tenant_id: 1, sent_at: -1 });
communicationSchema.index({ twilio_sid: 1 });
// The spec's Index Strategy.
communicationSchema.index({ tenant_id: 1, recipient_type: 1, recipient_id: 1, created_at: -1 });

tenantOwned(communicationSchema);

// Last: its post hooks run after the derived fields are written.
domainEvents(communicationSchema, "communication");

export type CommunicationDoc = InferSchemaType<typeof communicationSchema>;
export const Communication: Model<CommunicationDoc> = models.Communication ?? model("Communication", communicationSchema);
