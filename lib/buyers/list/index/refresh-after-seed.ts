import "server-only";
import { rebuildReadModelAfterSeed } from "@/lib/core/read-models/refresh-after-seed";
import { scoped } from "@/lib/core/db/scoped";
import { Buyer } from "@/models/buyer";
import { buyerReadModel } from "./buyer-read-model";

export type BuyerIndexRefresh = { subdomain: string; buyers: number; indexed: number | null };

/**
 * After seeding: drops the buyer rows built over the replaced data and builds them again at once
 * (see rebuildReadModelAfterSeed), so the buyer list neither answers with buyers that no longer
 * exist nor makes its first visitor wait for a database scan.
 */
export function refreshBuyerIndexesAfterSeed(subdomains: readonly string[]): Promise<BuyerIndexRefresh[]> {
  return rebuildReadModelAfterSeed(buyerReadModel, subdomains, async ({ subdomain, ctx, rows }) => ({
    subdomain,
    buyers: rows ?? (await scoped(ctx, Buyer).countDocuments()),
    indexed: rows,
  }));
}
