import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, enumField, tenantField, tenantOwned } from "./shared";
import { domainEvents } from "@/lib/core/events/plugin";

export const TAG_CATEGORIES = ["lead_tags", "buyer_tags", "deal_tags"] as const;

const tagSchema = new Schema(
  {
    tenant_id: tenantField,
    name: {
      type: String,
      trim: true,
      required: [true, "name is required"],
      maxlength: [50, "tag name must be at most 50 characters"],
    },
    color: { type: String, default: "#64748b", match: [/^#[0-9a-fA-F]{6}$/, "color must be a hex colour such as #3b82f6"] },
    description: { type: String, maxlength: 500 },
    category: enumField(TAG_CATEGORIES, "category", "lead_tags"),
    is_system: { type: Boolean, default: false },
    usage_count: { type: Number, default: 0, min: 0 },
  },
  baseOptions("tags"),
);

tagSchema.index({ tenant_id: 1, name: 1 }, { unique: true });
tagSchema.index({ tenant_id: 1, category: 1 });
tagSchema.index({ tenant_id: 1, usage_count: -1 });

tenantOwned(tagSchema);

// Last: its post hooks run after the derived fields are written.
domainEvents(tagSchema, "tag");

export type TagDoc = InferSchemaType<typeof tagSchema>;
export const Tag: Model<TagDoc> = models.Tag ?? model("Tag", tagSchema);
