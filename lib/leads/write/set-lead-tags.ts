import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/db/tenant-context";
import { normalizeTagName } from "@/lib/zod/schemas/tag";
import { getLeadDocumentOrThrow } from "../get-lead";
import { saveLeadChanges, unique } from "./lead-changes";

/** Replaces the lead's tags; names new to the catalogue are added to it (usage counts derived). */
export async function setLeadTags(ctx: TenantContext, leadId: string, tags: readonly string[]) {
  requirePermission(ctx, "leads.write");
  const doc = await getLeadDocumentOrThrow(ctx, leadId);
  const next = unique(tags.map(normalizeTagName).filter(Boolean));
  return saveLeadChanges(ctx, doc, (d) => d.set("tags", next));
}
