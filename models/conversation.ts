import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, enumField, tenantField, tenantOwned } from "./shared";

export const CONVERSATION_CONTACT_TYPES = ["lead", "buyer"] as const;

/**
 * The inbox's read model: one row per contact (lead or buyer) a company has exchanged messages or
 * calls with, derived from the communications and the contact (lib/communications/conversations):
 * a new message is added to it, any other change recomputes it from the source. Never written by
 * hand; `applied_floor`/`applied` (lib/core/events/applied-ledger.ts) say which messages it counted,
 * so a redelivered event adds nothing; `version` guards each write against a writer that read
 * before another wrote. It can be dropped and rebuilt at any time.
 */
const conversationSchema = new Schema(
  {
    tenant_id: tenantField,
    contact_type: { ...enumField(CONVERSATION_CONTACT_TYPES, "contact type"), required: true },
    contact_id: { type: Schema.Types.ObjectId, required: true },
    contact_name: { type: String, maxlength: 200 },
    contact_phone: { type: String, maxlength: 40 },
    // The lead's assigned rep (buyers: none), for "mine" and "unassigned".
    assigned_to: { type: Schema.Types.ObjectId, ref: "User", default: null },
    last_at: { type: Date, required: true },
    last_preview: { type: String, maxlength: 200 },
    last_type: String,
    last_direction: String,
    last_status: String,
    message_count: { type: Number, default: 0 },
    unread: { type: Number, default: 0 },
    needs_review: { type: Boolean, default: false },
    opted_out: { type: Boolean, default: false },
    // The message shown as last (the latest created; the larger id among equal times).
    last_id: Schema.Types.ObjectId,
    // The messages counted at the newest revisions ("rev:id"), and below which revision it cannot say.
    applied_floor: Number,
    applied: { type: [String], default: undefined },
    // Bumped by every write: a writer's update names the version it read, so one that read before
    // another's write changes nothing and reads again (refresh-conversation.ts).
    version: Number,
  },
  baseOptions("conversations"),
);

conversationSchema.index({ tenant_id: 1, contact_type: 1, contact_id: 1 }, { unique: true });
conversationSchema.index({ tenant_id: 1, last_at: -1 });
conversationSchema.index({ tenant_id: 1, assigned_to: 1 });
conversationSchema.index({ tenant_id: 1, unread: 1 });

tenantOwned(conversationSchema);

export type ConversationDoc = InferSchemaType<typeof conversationSchema>;
export const Conversation: Model<ConversationDoc> = models.Conversation ?? model("Conversation", conversationSchema);
