import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { changeLeadStatus } from "@/lib/leads/write/change-lead-status";
import type { LeadStatus } from "@/models/lead-enums";

/**
 * Moves a lead to another pipeline status (a card dropped on the board). The lead page's own
 * status change does the work: permission, visibility (not found for a lead this person cannot
 * see, or another tenant's), validation, the activity with before and after.
 */
export async function moveLeadToStatus(ctx: TenantContext, leadId: string, status: LeadStatus): Promise<{ changed: boolean }> {
  const changes = await changeLeadStatus(ctx, leadId, status);
  const changed = Object.keys(changes).length > 0;
  return { changed };
}
