import "server-only";
import { rebuildReadModelAfterSeed } from "@/lib/core/read-models/refresh-after-seed";
import { buyerContactReadModel } from "../../dashboard/buyer-contacts";
import { dealReadModel } from "./deal-read-model";

/**
 * After seeding: drops the deal rows and the buyers' contacts built over the replaced data and
 * builds them again at once (see rebuildReadModelAfterSeed), so the deal list, the board and the
 * dashboard neither answer with deals that no longer exist nor make their first visitor wait.
 * The deals built per company (null when the read models are off).
 */
export async function refreshDealRowsAfterSeed(subdomains: readonly string[]): Promise<{ subdomain: string; deals: number | null }[]> {
  await rebuildReadModelAfterSeed(buyerContactReadModel, subdomains, () => null);
  return rebuildReadModelAfterSeed(dealReadModel, subdomains, ({ subdomain, rows }) => ({ subdomain, deals: rows }));
}
