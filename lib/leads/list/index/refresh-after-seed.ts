import "server-only";
import { scoped } from "@/lib/db/scoped";
import { Lead } from "@/models/lead";
import { Tenant } from "@/models/tenant";
import { dropIndex } from "./index-store";
import { buildLeadIndex, indexMode } from "./lead-index";

export type IndexRefresh = { subdomain: string; leads: number; indexed: number | null };

/**
 * After seeding: the demo companies keep their ids across a reseed (the seed is deterministic),
 * so a list index built over the data that was just replaced would go on answering with leads
 * that no longer exist. Drops it and builds a new one at once, so the first visit of the lead
 * list does not wait for a database scan.
 */
export async function refreshLeadIndexesAfterSeed(subdomains: readonly string[]): Promise<IndexRefresh[]> {
  const tenants = await Tenant.find({ subdomain: { $in: [...subdomains] } }, { subdomain: 1 }).lean();
  const out: IndexRefresh[] = [];
  for (const tenant of tenants) {
    const ctx = { tenantId: String(tenant._id) };
    await dropIndex(ctx.tenantId);
    const built = indexMode() === "off" ? null : await buildLeadIndex(ctx);
    const leads = built?.rows ?? (await scoped(ctx, Lead).countDocuments());
    const indexed = built ? built.rows : null;
    out.push({ subdomain: tenant.subdomain, leads, indexed });
  }
  return out;
}
