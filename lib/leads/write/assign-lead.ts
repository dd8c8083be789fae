import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getLeadDocumentOrThrow } from "../get-lead";
import { assertAssignee, saveLeadChanges } from "./lead-changes";

/** Assigns a lead to an active member of the team, or unassigns it (empty). Needs leads.assign. */
export async function assignLead(ctx: TenantContext, leadId: string, userId: string | undefined) {
  requirePermission(ctx, "leads.write");
  requirePermission(ctx, "leads.assign");
  const doc = await getLeadDocumentOrThrow(ctx, leadId);
  const assignee = userId ? await assertAssignee(ctx, userId) : undefined;
  return saveLeadChanges(ctx, doc, (d) => d.set("assigned_to", assignee));
}
