import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, enumField, tenantField, tenantOwned } from "./shared";
import { domainEvents } from "@/lib/core/events/plugin";

export const TEMPLATE_TYPES = ["sms", "email", "call_script"] as const;

const templateSchema = new Schema(
  {
    tenant_id: tenantField,
    name: { type: String, trim: true, required: [true, "name is required"], maxlength: [100, "name must be at most 100 characters"] },
    type: { ...enumField(TEMPLATE_TYPES, "type"), required: [true, "type is required"] },
    // follow_up, introduction, offer, ...
    category: { type: String, trim: true, maxlength: 50 },
    content: { type: String, required: [true, "content is required"], maxlength: [20_000, "content must be at most 20,000 characters"] },
    variables: { type: [String], default: [] },
    is_default: { type: Boolean, default: false },
    is_active: { type: Boolean, default: true },
    created_by: { type: Schema.Types.ObjectId, ref: "User" },
    usage_count: { type: Number, default: 0, min: 0 },
  },
  baseOptions("templates"),
);

templateSchema.index({ tenant_id: 1, type: 1 });
templateSchema.index({ tenant_id: 1, category: 1 });
templateSchema.index({ tenant_id: 1, is_active: 1 });
templateSchema.index({ tenant_id: 1, usage_count: -1 });

tenantOwned(templateSchema);

// Last: its post hooks run after the derived fields are written.
domainEvents(templateSchema, "template");

export type TemplateDoc = InferSchemaType<typeof templateSchema>;
export const Template: Model<TemplateDoc> = models.Template ?? model("Template", templateSchema);
