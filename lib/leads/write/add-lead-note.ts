import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { recordActivity } from "@/lib/activities/record-activity";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { getLeadRecordOrThrow } from "../get-lead";

/**
 * Appends a note (author, time, text) to the lead's timeline. Notes are entries, never edited in
 * place, the way reps keep a call log; `lead.notes` stays the lead's background text (imported
 * notes, the seller's story) and is edited with the details.
 */
export async function addLeadNote(ctx: TenantContext, leadId: string, text: string): Promise<void> {
  requirePermission(ctx, "leads.write");
  const lead = await getLeadRecordOrThrow(ctx, leadId);
  await recordActivity(ctx, { type: LEAD_ACTIVITY.noteAdded, entityType: "lead", entityId: lead._id, description: text.slice(0, 2000), metadata: { text } });
}
