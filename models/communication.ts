import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, enumField, tenantField, tenantOwned, subdocumentOptions } from "./shared";
import { domainEvents } from "@/lib/core/events/plugin";

export const COMMUNICATION_TYPES = ["sms", "call", "email"] as const;
export const DIRECTIONS = ["inbound", "outbound"] as const;
export const RECIPIENT_TYPES = ["lead", "buyer"] as const;
// The spec's statuses, plus Twilio's `queued` before `sent`, `undelivered` (the carrier refused
// it), `canceled` (a scheduled send called off), `received` for inbound messages and the call
// states between `queued` and `answered`/`missed`.
export const COMMUNICATION_STATUSES = ["scheduled", "queued", "sent", "delivered", "undelivered", "failed", "canceled", "received", "ringing", "in_progress", "answered", "missed"] as const;
/** Who asked for an outbound message (every sender goes through lib/communications/send). */
export const SEND_SOURCES = ["compose", "bulk", "schedule", "template", "automation", "call"] as const;
export const CALL_DISPOSITIONS = ["no_answer", "left_voicemail", "talked", "wrong_number"] as const;

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
      // What Twilio charged, in price_unit (USD), as a positive amount; set once Twilio reports it.
      cost: Number,
    },
    // The numbers as sent or received (E.164), so a thread survives a lead's phone changing.
    from_number: { type: String, trim: true, maxlength: 40 },
    to_number: { type: String, trim: true, maxlength: 40 },
    // The caller's idempotency key (lib/communications/send): its uniqueness lives in send_intents.
    intent_key: { type: String, maxlength: 200 },
    source: enumField(SEND_SOURCES, "source"),
    template_id: { type: Schema.Types.ObjectId, ref: "Template" },
    // Why a send waits past the time asked for (quiet hours, a frequency cap), and which rule.
    deferral: {
      type: new Schema({ until: Date, reason: String, rule: String }, subdocumentOptions),
      default: undefined,
    },
    // When the send job first handed this message to Twilio: a retry after a crash reconciles
    // against Twilio's message list before sending again.
    send_attempted_at: Date,
    // Bumped by each reschedule: only the job of the current version sends.
    send_version: { type: Number, default: 0 },
    // Twilio's status rank, so a late or repeated callback never moves the status back.
    status_rank: { type: Number, default: 0 },
    error_code: String,
    error_message: { type: String, maxlength: 500 },
    price_unit: { type: String, maxlength: 10 },
    media_urls: { type: [String], default: undefined },
    // An inbound reply that reads like "stop" in words: a person confirms the opt-out.
    review: {
      type: new Schema({ reason: String, flagged_at: Date, resolved_at: Date, resolution: String }, subdocumentOptions),
      default: undefined,
    },
    // Calls: recording, outcome and the rep's note and disposition.
    recording_url: { type: String, maxlength: 1000 },
    recording_duration: { type: Number, min: 0 },
    disposition: enumField(CALL_DISPOSITIONS, "disposition"),
    note: { type: String, maxlength: [5_000, "note must be at most 5,000 characters"] },
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
communicationSchema.index({ tenant_id: 1, to_number: 1 });
communicationSchema.index({ tenant_id: 1, "review.flagged_at": 1 });
// The spec's Index Strategy.
communicationSchema.index({ tenant_id: 1, recipient_type: 1, recipient_id: 1, created_at: -1 });

tenantOwned(communicationSchema);

// Last: its post hooks run after the derived fields are written.
domainEvents(communicationSchema, "communication");

export type CommunicationDoc = InferSchemaType<typeof communicationSchema>;
export const Communication: Model<CommunicationDoc> = models.Communication ?? model("Communication", communicationSchema);
