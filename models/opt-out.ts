import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { E164_PATTERN } from "@/lib/validation/phone";
import { baseOptions, enumField, tenantField, tenantOwned, subdocumentOptions } from "./shared";

export const OPT_OUT_SOURCES = ["keyword", "review", "manual", "twilio"] as const;

/**
 * Whether a company may text a number: one row per company and number, its latest state, and
 * every change with its time and source (a STOP reply, a person confirming a flagged reply, an
 * admin, Twilio refusing with 21610). Checked before every text (lib/communications/compliance).
 */
const optOutSchema = new Schema(
  {
    tenant_id: tenantField,
    number: { type: String, required: true, match: [E164_PATTERN, "number must be in E.164 form"] },
    opted_out: { type: Boolean, required: true },
    changed_at: { type: Date, required: true },
    source: enumField(OPT_OUT_SOURCES, "source"),
    keyword: { type: String, maxlength: 40 },
    communication_id: { type: Schema.Types.ObjectId },
    // The lead tagged `dnc` by the opt-out, so START takes the tag back only where STOP put it.
    tagged_lead_ids: { type: [Schema.Types.ObjectId], default: [] },
    history: {
      // sid: the message that made the change (a webhook seen again changes nothing).
      type: [new Schema({ opted_out: Boolean, at: Date, source: String, keyword: String, sid: String }, subdocumentOptions)],
      default: [],
    },
  },
  baseOptions("opt_outs"),
);

optOutSchema.index({ tenant_id: 1, number: 1 }, { unique: true });
optOutSchema.index({ tenant_id: 1, opted_out: 1 });

tenantOwned(optOutSchema);

export type OptOutDoc = InferSchemaType<typeof optOutSchema>;
export const OptOut: Model<OptOutDoc> = models.OptOut ?? model("OptOut", optOutSchema);
