import "server-only";
import { Tenant } from "@/models/tenant";
import { dropSummary } from "./summary-store";

/**
 * After seeding: the demo companies keep their ids across a reseed, and the seed's writes announce
 * no events, so a deal summary built before would go on answering with deals that are gone. Drops
 * it; the next visit reads the database and asks the worker for a new one.
 */
export async function dropDealSummariesAfterSeed(subdomains: readonly string[]): Promise<void> {
  const tenants = await Tenant.find({ subdomain: { $in: [...subdomains] } }, { _id: 1 }).lean();
  for (const tenant of tenants) await dropSummary(String(tenant._id));
}
