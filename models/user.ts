import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, emailField, enumField, nameField, phoneField, tenantField, tenantOwned } from "./shared";

export const ROLES = ["admin", "acquisition_rep", "disposition_manager"] as const;
export const THEMES = ["light", "dark", "auto"] as const;
export const DEFAULT_VIEWS = ["dashboard", "leads", "buyers"] as const;

const userSchema = new Schema(
  {
    tenant_id: tenantField,
    google_id: { type: String, trim: true },
    email: emailField(true),
    name: nameField(),
    first_name: { type: String, trim: true, maxlength: 50 },
    last_name: { type: String, trim: true, maxlength: 50 },
    phone: phoneField(false),
    avatar_url: { type: String, trim: true, maxlength: 2000 },
    role: { ...enumField(ROLES, "role", "acquisition_rep"), required: [true, "role is required"] },
    permissions: { type: [String], default: [] },
    // Argon2id hash; never selected unless asked for.
    password_hash: { type: String, select: false },
    is_active: { type: Boolean, default: true },
    is_verified: { type: Boolean, default: false },
    last_login: Date,
    login_count: { type: Number, default: 0, min: 0 },
    // Bumped to end every session of this user at once (sign-out everywhere, deactivation).
    session_version: { type: Number, default: 0 },
    preferences: {
      theme: enumField(THEMES, "theme", "auto"),
      notifications: {
        email: { type: Boolean, default: true },
        sms: { type: Boolean, default: false },
        push: { type: Boolean, default: true },
      },
      dashboard_layout: { type: Schema.Types.Mixed },
      default_view: enumField(DEFAULT_VIEWS, "default view", "dashboard"),
    },
  },
  baseOptions("users"),
);

userSchema.index({ tenant_id: 1, email: 1 }, { unique: true });
userSchema.index({ google_id: 1 });
userSchema.index({ tenant_id: 1, role: 1 });
userSchema.index({ tenant_id: 1, is_active: 1 });
userSchema.index({ tenant_id: 1, last_login: -1 });
// Sign-in looks a person up by e-mail across the companies they belong to.
userSchema.index({ email: 1 });

tenantOwned(userSchema);

export type UserDoc = InferSchemaType<typeof userSchema>;
export const User: Model<UserDoc> = models.User ?? model("User", userSchema);
