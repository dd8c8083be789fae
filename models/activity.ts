import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { appendOnlyOptions, tenantField, tenantOwned, subdocumentOptions } from "./shared";

export const ENTITY_TYPES = ["lead", "buyer", "deal", "communication", "user", "tenant", "setting", "tag", "template", "workflow"] as const;

export const ACTOR_KINDS = ["member", "api_key", "system"] as const;

/**
 * Who acted, as it was when it happened: the member (id = user id), the API key (id = key id) or
 * the system (id = what triggered it: an import id, a MessageSid, ...; source = import, webhook, ...).
 */
const actorSchema = new Schema(
  {
    kind: { type: String, required: true, enum: [...ACTOR_KINDS] },
    id: { type: Schema.Types.Mixed },
    source: { type: String, maxlength: 32 },
    label: { type: String, required: true, maxlength: 200 },
  },
  subdocumentOptions,
);

const activitySchema = new Schema(
  {
    tenant_id: tenantField,
    // The member who acted (also set for system work a member started, such as their import).
    user_id: { type: Schema.Types.ObjectId, ref: "User" },
    actor: { type: actorSchema },
    // lead_created, lead_updated, communication_sent, user_signed_in, ...
    type: { type: String, required: [true, "type is required"], trim: true, maxlength: 64 },
    entity_type: { type: String, enum: { values: [...ENTITY_TYPES], message: `entity type must be one of: ${ENTITY_TYPES.join(", ")}` } },
    entity_id: { type: Schema.Types.ObjectId },
    description: { type: String, maxlength: 2000 },
    metadata: { type: Schema.Types.Mixed },
    ip_address: { type: String, maxlength: 64 },
    user_agent: { type: String, maxlength: 512 },
  },
  // Activities are an append-only log: no updated_at.
  appendOnlyOptions("activities"),
);

activitySchema.index({ tenant_id: 1, user_id: 1 });
activitySchema.index({ tenant_id: 1, type: 1 });
activitySchema.index({ tenant_id: 1, entity_type: 1, entity_id: 1 });
activitySchema.index({ tenant_id: 1, created_at: -1 });

tenantOwned(activitySchema);

export type ActivityDoc = InferSchemaType<typeof activitySchema>;
export const Activity: Model<ActivityDoc> = models.Activity ?? model("Activity", activitySchema);
