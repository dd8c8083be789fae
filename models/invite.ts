import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, emailField, enumField, tenantField, tenantOwned } from "./shared";
import { ROLES } from "./user";

/**
 * An invitation to join a company. The link's token is never stored: only its SHA-256 hash, so a
 * database read does not hand out working links. Expiry is a field (FerretDB has no TTL index);
 * a scheduled clean-up may delete old rows, and every read checks `expires_at` itself.
 */
const inviteSchema = new Schema(
  {
    tenant_id: tenantField,
    email: emailField(true),
    role: { ...enumField(ROLES, "role"), required: [true, "role is required"] },
    token_hash: { type: String, required: true },
    invited_by: { type: Schema.Types.ObjectId, ref: "User" },
    expires_at: { type: Date, required: true },
    // Single use: set once, by a conditional update from null (safe under a double submit).
    used_at: { type: Date, default: null },
    revoked_at: { type: Date, default: null },
    accepted_user_id: { type: Schema.Types.ObjectId, ref: "User" },
    sent_count: { type: Number, default: 0, min: 0 },
    last_sent_at: Date,
  },
  baseOptions("invites"),
);

// One invitation row per e-mail and company: a new invite replaces a finished one.
inviteSchema.index({ tenant_id: 1, email: 1 }, { unique: true });
inviteSchema.index({ token_hash: 1 }, { unique: true });
inviteSchema.index({ tenant_id: 1, used_at: 1, revoked_at: 1, expires_at: 1 });

tenantOwned(inviteSchema);

export type InviteDoc = InferSchemaType<typeof inviteSchema>;
export const Invite: Model<InviteDoc> = models.Invite ?? model("Invite", inviteSchema);
