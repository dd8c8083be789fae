import "server-only";
import { rebuildReadModelAfterSeed } from "@/lib/core/read-models/refresh-after-seed";
import { scoped } from "@/lib/core/db/scoped";
import { Lead } from "@/models/lead";
import { leadReadModel } from "./lead-read-model";

export type IndexRefresh = { subdomain: string; leads: number; indexed: number | null };

/**
 * After seeding: the demo companies keep their ids across a reseed (the seed is deterministic),
 * so a list index built over the data that was just replaced would go on answering with leads
 * that no longer exist. Drops it and builds a new one at once (see rebuildReadModelAfterSeed), so
 * the first visit of the lead list does not wait for a database scan.
 */
export function refreshLeadIndexesAfterSeed(subdomains: readonly string[]): Promise<IndexRefresh[]> {
  return rebuildReadModelAfterSeed(leadReadModel, subdomains, async ({ subdomain, ctx, rows }) => ({
    subdomain,
    leads: rows ?? (await scoped(ctx, Lead).countDocuments()),
    indexed: rows,
  }));
}
