import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getLeadDocumentOrThrow } from "../get-lead";
import { saveLeadChanges } from "./lead-changes";

/** Sets the next follow-up (or clears it with undefined). */
export async function setFollowUp(ctx: TenantContext, leadId: string, when: Date | undefined) {
  requirePermission(ctx, "leads.write");
  const doc = await getLeadDocumentOrThrow(ctx, leadId);
  return saveLeadChanges(ctx, doc, (d) => d.set("next_follow_up", when));
}
