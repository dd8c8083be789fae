import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, tenantField, tenantOwned } from "./shared";

const settingSchema = new Schema(
  {
    tenant_id: tenantField,
    // general, notifications, integrations, ...
    category: {
      type: String,
      required: [true, "category is required"],
      trim: true,
      match: [/^[a-z][a-z0-9_]{0,49}$/, "category must be lower-case letters, digits or _"],
    },
    key: {
      type: String,
      required: [true, "key is required"],
      trim: true,
      match: [/^[a-z][a-z0-9_]{0,63}$/, "key must be lower-case letters, digits or _"],
    },
    value: { type: Schema.Types.Mixed },
    description: { type: String, maxlength: 500 },
    is_system: { type: Boolean, default: false },
  },
  { ...baseOptions("settings"), minimize: false },
);

settingSchema.index({ tenant_id: 1, category: 1, key: 1 }, { unique: true });
settingSchema.index({ tenant_id: 1, category: 1 });

tenantOwned(settingSchema);

export type SettingDoc = InferSchemaType<typeof settingSchema>;
export const Setting: Model<SettingDoc> = models.Setting ?? model("Setting", settingSchema);
