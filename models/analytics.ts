import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { appendOnlyOptions, enumField, tenantField, tenantOwned } from "./shared";

export const METRIC_UNITS = ["count", "percentage", "currency", "time"] as const;
export const AGGREGATION_PERIODS = ["daily", "hourly", "real_time"] as const;

const analyticsSchema = new Schema(
  {
    tenant_id: tenantField,
    // leads_created, deals_closed, conversion_rate, ...
    metric_name: { type: String, required: [true, "metric name is required"], trim: true, maxlength: 64 },
    metric_value: {
      type: Number,
      required: [true, "metric value is required"],
      validate: { validator: Number.isFinite, message: "metric value must be a finite number" },
    },
    metric_unit: enumField(METRIC_UNITS, "metric unit", "count"),
    dimensions: {
      user_id: { type: Schema.Types.ObjectId, ref: "User" },
      lead_source: String,
      lead_status: String,
      date: Date,
      automation_workflow: String,
    },
    recorded_at: { type: Date, required: true, default: () => new Date() },
    aggregation_period: enumField(AGGREGATION_PERIODS, "aggregation period", "daily"),
  },
  appendOnlyOptions("analytics"),
);

analyticsSchema.index({ tenant_id: 1, metric_name: 1, recorded_at: -1 });
analyticsSchema.index({ tenant_id: 1, "dimensions.user_id": 1, recorded_at: -1 });
analyticsSchema.index({ tenant_id: 1, "dimensions.lead_source": 1, recorded_at: -1 });
analyticsSchema.index({ tenant_id: 1, aggregation_period: 1, recorded_at: -1 });

tenantOwned(analyticsSchema);

export type AnalyticsDoc = InferSchemaType<typeof analyticsSchema>;
export const Analytics: Model<AnalyticsDoc> = models.Analytics ?? model("Analytics", analyticsSchema);
