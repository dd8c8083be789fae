import "server-only";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { LeadMerge } from "@/models/lead-merge";
import { findLead } from "../get-lead";

/**
 * Where a merged-away lead went, for its old link: the lead it was merged into (following later
 * merges of that lead too), or `visible: false` when this person may not see it. Null when the id
 * was never merged in this company (another company's id included): a plain not-found.
 */
export async function findMergedInto(ctx: TenantContext, id: string): Promise<{ visible: true; id: string; name: string; mergedName: string } | { visible: false } | null> {
  if (!isObjectIdString(id)) return null;
  const merges = scoped(ctx, LeadMerge);
  let current = id;
  let mergedName = "";
  for (let hop = 0; hop < 10; hop++) {
    const row = await merges.findOne({ merged_id: current, status: "done" }, { kept_id: 1, "snapshot.name": 1 }).lean();
    if (!row) break;
    if (hop === 0) mergedName = String((row.snapshot as { name?: string } | undefined)?.name ?? "");
    current = String(row.kept_id);
    const lead = await findLead(ctx, current);
    if (lead) return { visible: true, id: lead.id, name: lead.name, mergedName };
  }
  return current === id ? null : { visible: false };
}
