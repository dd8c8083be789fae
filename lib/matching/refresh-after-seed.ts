import "server-only";
import { Tenant } from "@/models/tenant";
import { buildBuyerBoxes, dropBuyerBoxes, matchingIndexEnabled } from "./buyer-box-index";
import { buildBuyerHistories, dropTenantHistories } from "./buyer-histories";
import { buildOpenProperties, dropOpenProperties } from "./open-properties";

/**
 * After seeding: the demo companies keep their ids across a reseed, so buyer boxes, open
 * properties and buyer histories built over the data just replaced would go on matching buyers and deals that no
 * longer exist. Drops them and builds new ones at once (the worker's job otherwise).
 */
export async function refreshMatchingAfterSeed(subdomains: readonly string[]): Promise<{ subdomain: string; buyers: number; openProperties: number }[]> {
  const tenants = await Tenant.find({ subdomain: { $in: [...subdomains] } }, { subdomain: 1 }).lean();
  const out = [];
  for (const tenant of tenants) {
    const ctx = { tenantId: String(tenant._id) };
    await Promise.all([dropBuyerBoxes(ctx.tenantId), dropOpenProperties(ctx.tenantId), dropTenantHistories(ctx.tenantId)]);
    await buildBuyerHistories(ctx);
    if (!matchingIndexEnabled()) continue;
    const [boxes, open] = await Promise.all([buildBuyerBoxes(ctx), buildOpenProperties(ctx)]);
    out.push({ subdomain: tenant.subdomain, buyers: boxes?.rows ?? 0, openProperties: open?.rows ?? 0 });
  }
  return out;
}
