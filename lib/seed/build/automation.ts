// Templates and workflows. Both are created up front (messages and leads refer to them) and
// written last, once their usage counts and execution statistics are known.
import type { Types } from "mongoose";
import { addMs, DAY, HOUR } from "../clock";
import type { Doc, TemplateUse, TenantSeedContext } from "../context";
import { TEMPLATE_SEEDS, templateVariables } from "../data/templates";
import type { DemoTenantKey } from "../demo-users";
import type { IdFactory } from "../ids";
import { companyTimezone } from "./company";

const GLOBEX_TEMPLATES = new Set(["sms_intro", "sms_follow_up", "sms_offer", "email_offer", "call_cold"]);

export function templateKeys(key: DemoTenantKey): string[] {
  return TEMPLATE_SEEDS.filter((t) => key === "acme" || GLOBEX_TEMPLATES.has(t.key)).map((t) => t.key);
}

export function prepareTemplates(key: DemoTenantKey, base: Date, newId: IdFactory): Map<string, TemplateUse> {
  const at = addMs(base, -150 * DAY);
  return new Map(
    templateKeys(key).map((k) => [k, { _id: newId(at), content: TEMPLATE_SEEDS.find((t) => t.key === k)!.content, uses: 0 }]),
  );
}

export function templateDocs(ctx: TenantSeedContext): Doc[] {
  return [...ctx.templates.entries()].map(([k, use]) => {
    const seed = TEMPLATE_SEEDS.find((t) => t.key === k)!;
    const created = use._id.getTimestamp();
    return {
      _id: use._id,
      tenant_id: ctx.tenantId,
      name: seed.name,
      type: seed.type,
      category: seed.category,
      content: seed.content,
      variables: templateVariables(seed.content),
      is_default: seed.is_default ?? false,
      is_active: true,
      created_by: ctx.users.admin._id,
      usage_count: use.uses,
      created_at: created,
      updated_at: created,
    };
  });
}

/** Execution statistics of the speed-to-lead workflow, summed from the leads it ran on. */
export type WorkflowRuns = { total: number; failed: number; last?: Date; totalSeconds: number };

export type WorkflowIds = { speedToLead?: Types.ObjectId };

export function prepareWorkflows(ctx: Pick<TenantSeedContext, "plan" | "base">, newId: IdFactory): WorkflowIds & { ids: Types.ObjectId[] } {
  if (!ctx.plan.settings.automation_enabled) return { ids: [newId(addMs(ctx.base, -40 * DAY))] };
  const ids = [newId(addMs(ctx.base, -140 * DAY)), newId(addMs(ctx.base, -120 * DAY)), newId(addMs(ctx.base, -9 * DAY))];
  return { speedToLead: ids[0], ids };
}

export function workflowDocs(ctx: TenantSeedContext, ids: Types.ObjectId[], runs: WorkflowRuns): Doc[] {
  const common = (id: Types.ObjectId) => ({ _id: id, tenant_id: ctx.tenantId, created_by: ctx.users.admin._id, created_at: id.getTimestamp() });
  const intro = ctx.templates.get("sms_intro")?._id.toString();
  const followUp = ctx.templates.get("sms_follow_up")?._id.toString();

  if (ids.length === 1) {
    // Automation is not in this plan: a draft someone started before noticing.
    return [
      {
        ...common(ids[0]),
        name: "Text new leads",
        description: "Send the first text when a lead comes in (needs the Professional plan to run).",
        status: "draft",
        trigger: { type: "lead_created" },
        steps: [{ id: "send_intro_sms", type: "action", name: "Send intro text", config: { action: "send_sms", template_id: intro }, order: 0 }],
        statistics: { total_executions: 0, successful_executions: 0, failed_executions: 0 },
        tags: ["speed-to-lead"],
        updated_at: ids[0].getTimestamp(),
      },
    ];
  }

  const dailyRuns = Math.floor((ctx.base.getTime() - ids[1].getTimestamp().getTime()) / DAY);
  return [
    {
      ...common(ids[0]),
      name: "Speed to lead",
      description: "Assign every new lead and text the seller within a minute.",
      status: "active",
      trigger: { type: "lead_created", conditions: { source_not_in: ["referral"] } },
      steps: [
        { id: "assign_owner", type: "action", name: "Assign round-robin", config: { action: "assign", strategy: "round_robin" }, order: 0, next_step_id: "send_intro_sms" },
        { id: "send_intro_sms", type: "action", name: "Send intro text", config: { action: "send_sms", template_id: intro, respect_quiet_hours: true }, order: 1 },
      ],
      statistics: {
        total_executions: runs.total,
        successful_executions: runs.total - runs.failed,
        failed_executions: runs.failed,
        ...(runs.last ? { last_executed: runs.last } : {}),
        ...(runs.total ? { average_execution_time: Math.round(runs.totalSeconds / runs.total) } : {}),
      },
      tags: ["speed-to-lead", "sms"],
      updated_at: runs.last ?? ids[0].getTimestamp(),
    },
    {
      ...common(ids[1]),
      name: "Overdue follow-up reminder",
      description: "Every morning, remind each rep of the follow-ups they missed.",
      status: "active",
      trigger: { type: "scheduled", schedule: { frequency: "daily", time: "08:00", timezone: companyTimezone(ctx.key) } },
      steps: [
        { id: "find_overdue", type: "action", name: "Find overdue follow-ups", config: { action: "query_leads", filter: "next_follow_up_overdue" }, order: 0, next_step_id: "has_any" },
        { id: "has_any", type: "condition", name: "Any overdue?", config: { field: "count", op: "gt", value: 0 }, order: 1, condition_branch: { true_step_id: "notify_owner", false_step_id: "done" } },
        { id: "notify_owner", type: "action", name: "E-mail the owner", config: { action: "send_email", to: "assigned_user" }, order: 2 },
      ],
      statistics: {
        total_executions: dailyRuns,
        successful_executions: dailyRuns,
        failed_executions: 0,
        last_executed: addMs(ctx.base, -10 * HOUR),
        average_execution_time: 2,
      },
      tags: ["follow-up"],
      updated_at: addMs(ctx.base, -10 * HOUR),
    },
    {
      ...common(ids[2]),
      name: "No-answer drip",
      description: "Three texts over ten days for sellers who have not answered.",
      status: "draft",
      trigger: { type: "status_changed", conditions: { to: "contacted" } },
      steps: [
        { id: "wait_2d", type: "delay", name: "Wait 2 days", config: { days: 2 }, order: 0, next_step_id: "text_1" },
        { id: "text_1", type: "action", name: "Follow-up text", config: { action: "send_sms", template_id: followUp }, order: 1, next_step_id: "wait_5d" },
        { id: "wait_5d", type: "delay", name: "Wait 5 days", config: { days: 5 }, order: 2 },
      ],
      statistics: { total_executions: 0, successful_executions: 0, failed_executions: 0 },
      tags: ["drip", "sms"],
      updated_at: ids[2].getTimestamp(),
    },
  ];
}
