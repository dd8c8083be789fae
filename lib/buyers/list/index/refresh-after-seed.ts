import "server-only";
import { readModelMode } from "@/lib/core/read-models/read-model";
import { scoped } from "@/lib/db/scoped";
import { Buyer } from "@/models/buyer";
import { Tenant } from "@/models/tenant";
import { buyerReadModel } from "./buyer-read-model";

export type BuyerIndexRefresh = { subdomain: string; buyers: number; indexed: number | null };

/**
 * After seeding (the seed writes with allTenants, which announces nothing, and the demo companies
 * keep their ids across a reseed): drops the buyer rows built over the replaced data and builds
 * them again at once, so the buyer list neither answers with buyers that no longer exist nor
 * makes its first visitor wait for a database scan.
 */
export async function refreshBuyerIndexesAfterSeed(subdomains: readonly string[]): Promise<BuyerIndexRefresh[]> {
  const tenants = await Tenant.find({ subdomain: { $in: [...subdomains] } }, { subdomain: 1 }).lean();
  const out: BuyerIndexRefresh[] = [];
  for (const tenant of tenants) {
    const ctx = { tenantId: String(tenant._id) };
    await buyerReadModel.store.drop(ctx.tenantId);
    const built = readModelMode() === "off" ? null : await buyerReadModel.build(ctx);
    out.push({ subdomain: tenant.subdomain, buyers: built?.rows ?? (await scoped(ctx, Buyer).countDocuments()), indexed: built ? built.rows : null });
  }
  return out;
}
