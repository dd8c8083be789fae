import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { LeadPriority, LeadStatus } from "@/models/lead-enums";
import { getLeadDocumentOrThrow } from "../get-lead";
import { saveLeadChanges } from "./lead-changes";

export async function changeLeadStatus(ctx: TenantContext, leadId: string, status: LeadStatus) {
  requirePermission(ctx, "leads.write");
  const doc = await getLeadDocumentOrThrow(ctx, leadId);
  return saveLeadChanges(ctx, doc, (d) => d.set("status", status));
}

export async function changeLeadPriority(ctx: TenantContext, leadId: string, priority: LeadPriority) {
  requirePermission(ctx, "leads.write");
  const doc = await getLeadDocumentOrThrow(ctx, leadId);
  return saveLeadChanges(ctx, doc, (d) => d.set("priority", priority));
}
