"use server";

import { tenantAction } from "@/lib/core/actions/tenant-action";
import { deleteLeads, restoreLeads } from "@/lib/leads/delete-leads";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { applyBulkChange } from "@/lib/leads/bulk/apply-bulk-change";
import { bulkAssignSchema, bulkDeleteSchema, bulkPrioritySchema, bulkStatusSchema, bulkTagsSchema, restoreLeadsSchema } from "@/lib/leads/bulk/schemas";
import { targetFromInput } from "@/lib/leads/bulk/target";

// Bulk actions on the lead list. Each re-evaluates its target on the server (the filters and the
// person's visibility), whatever the browser sent.

export const bulkAssignAction = tenantAction(bulkAssignSchema, "leads.assign", async (ctx, input) =>
  applyBulkChange(ctx, targetFromInput(input.target, await requestTimeZone()), { kind: "assign", userId: input.userId || null }),
);

export const bulkTagsAction = tenantAction(bulkTagsSchema, "leads.write", async (ctx, input) =>
  applyBulkChange(ctx, targetFromInput(input.target, await requestTimeZone()), { kind: input.op === "add" ? "addTags" : "removeTags", tags: input.tags }),
);

export const bulkStatusAction = tenantAction(bulkStatusSchema, "leads.write", async (ctx, input) =>
  applyBulkChange(ctx, targetFromInput(input.target, await requestTimeZone()), { kind: "status", status: input.status }),
);

export const bulkPriorityAction = tenantAction(bulkPrioritySchema, "leads.write", async (ctx, input) =>
  applyBulkChange(ctx, targetFromInput(input.target, await requestTimeZone()), { kind: "priority", priority: input.priority }),
);

export const bulkDeleteAction = tenantAction(bulkDeleteSchema, "leads.delete", async (ctx, input) => {
  const { batchId, count } = await deleteLeads(ctx, targetFromInput(input.target, await requestTimeZone()));
  return { batchId, count, message: `Deleted ${count.toLocaleString("en-US")} lead${count === 1 ? "" : "s"}` };
});

export const restoreLeadsAction = tenantAction(restoreLeadsSchema, "leads.delete", async (ctx, input) => {
  const { count } = await restoreLeads(ctx, input.batchId);
  return { count, message: `Restored ${count.toLocaleString("en-US")} lead${count === 1 ? "" : "s"}` };
});
