import "server-only";
import { readModelMode } from "@/lib/core/read-models/read-model";
import { Tenant } from "@/models/tenant";
import { conversationReadModel } from "./conversation-read-model";

/**
 * After seeding (the seed writes with allTenants, which announces nothing, and the demo companies
 * keep their ids across a reseed): drops the inbox rows built over the replaced data and builds
 * them again at once, so the inbox never lists conversations that no longer exist.
 */
export async function refreshInboxRowsAfterSeed(subdomains: readonly string[]): Promise<{ subdomain: string; rows: number | null }[]> {
  const tenants = await Tenant.find({ subdomain: { $in: [...subdomains] } }, { subdomain: 1 }).lean();
  const out: { subdomain: string; rows: number | null }[] = [];
  for (const tenant of tenants) {
    const tenantId = String(tenant._id);
    await conversationReadModel.store.drop(tenantId);
    conversationReadModel.forgetLocal(tenantId);
    const built = readModelMode() === "off" ? null : await conversationReadModel.build({ tenantId });
    out.push({ subdomain: tenant.subdomain, rows: built ? built.rows : null });
  }
  return out;
}
