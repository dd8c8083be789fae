import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions, enumField, tenantField, tenantOwned, subdocumentOptions } from "./shared";

export const WORKFLOW_STATUSES = ["active", "inactive", "draft"] as const;
export const TRIGGER_TYPES = ["lead_created", "status_changed", "communication_sent", "scheduled"] as const;
export const STEP_TYPES = ["action", "condition", "delay"] as const;
export const FREQUENCIES = ["daily", "weekly", "monthly"] as const;

const stepSchema = new Schema(
  {
    id: { type: String, required: [true, "step id is required"] },
    type: { ...enumField(STEP_TYPES, "step type"), required: [true, "step type is required"] },
    name: { type: String, trim: true, maxlength: 100 },
    config: { type: Schema.Types.Mixed },
    order: { type: Number, min: 0 },
    next_step_id: String,
    condition_branch: { true_step_id: String, false_step_id: String },
  },
  subdocumentOptions,
);

const workflowSchema = new Schema(
  {
    tenant_id: tenantField,
    name: { type: String, trim: true, required: [true, "name is required"], maxlength: [100, "name must be at most 100 characters"] },
    description: { type: String, maxlength: 2000 },
    status: enumField(WORKFLOW_STATUSES, "status", "draft"),
    trigger: {
      type: { ...enumField(TRIGGER_TYPES, "trigger type"), required: [true, "trigger type is required"] },
      conditions: { type: Schema.Types.Mixed },
      schedule: {
        frequency: enumField(FREQUENCIES, "schedule frequency"),
        time: { type: String, match: [/^([01]\d|2[0-3]):[0-5]\d$/, "schedule time must be HH:MM"] },
        timezone: String,
      },
    },
    steps: { type: [stepSchema], default: [] },
    statistics: {
      total_executions: { type: Number, default: 0 },
      successful_executions: { type: Number, default: 0 },
      failed_executions: { type: Number, default: 0 },
      last_executed: Date,
      average_execution_time: Number,
    },
    created_by: { type: Schema.Types.ObjectId, ref: "User" },
    tags: { type: [String], default: [] },
  },
  baseOptions("workflows"),
);

workflowSchema.index({ tenant_id: 1, status: 1 });
workflowSchema.index({ tenant_id: 1, "trigger.type": 1 });
workflowSchema.index({ tenant_id: 1, created_by: 1 });
workflowSchema.index({ tenant_id: 1, tags: 1 });

tenantOwned(workflowSchema);

export type WorkflowDoc = InferSchemaType<typeof workflowSchema>;
export const Workflow: Model<WorkflowDoc> = models.Workflow ?? model("Workflow", workflowSchema);
