import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { resolveTagNames } from "@/lib/tags/resolve-tag-names";
import { getLeadDocumentOrThrow } from "../get-lead";
import { saveLeadChanges } from "./lead-changes";

/** Replaces the lead's tags; a name is the catalogue's look-alike when there is one, else added to it (usage counts derived). */
export async function setLeadTags(ctx: TenantContext, leadId: string, tags: readonly string[]) {
  requirePermission(ctx, "leads.write");
  const doc = await getLeadDocumentOrThrow(ctx, leadId);
  const next = await resolveTagNames(ctx, tags);
  return saveLeadChanges(ctx, doc, (d) => d.set("tags", next));
}
