import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { notFound } from "@/lib/core/errors";
import { deleteLeads } from "../delete-leads";
import { getLeadRecordOrThrow } from "../get-lead";

/**
 * Deletes one lead from its page: into the trash (restorable), with its tags recounted. Its
 * activities and conversations stay where they are, so an undo finds them again. Not found for
 * a lead this person may not see, as everywhere else. Undo is restoreLeads(ctx, batchId).
 */
export async function deleteLead(ctx: TenantContext, leadId: string): Promise<{ batchId: string; name: string }> {
  requirePermission(ctx, "leads.delete");
  const lead = await getLeadRecordOrThrow(ctx, leadId);
  const { batchId, count } = await deleteLeads(ctx, [String(lead._id)]);
  // Deleted by someone else between the read and the delete.
  if (count === 0) throw notFound("Lead");
  return { batchId, name: lead.name ?? "" };
}
