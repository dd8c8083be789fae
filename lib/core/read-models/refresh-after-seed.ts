import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Tenant } from "@/models/tenant";
import { readModelMode } from "./read-model";

/** What rebuilding a read model after a seed needs of it (any ReadModel fits). */
type Rebuildable = {
  store: { drop(tenantId: string): Promise<void> };
  build(ctx: TenantContext): Promise<{ rows: number } | null>;
  forgetLocal(tenantId: string): void;
};

/**
 * After seeding (the seed writes with allTenants, which announces nothing, and the demo companies
 * keep their ids across a reseed): for each named company, drops the model's rows built over the
 * replaced data and, unless read models are off, builds them again at once, so its list neither
 * answers with records that no longer exist nor makes its first visitor wait for a database scan.
 * `report` turns each company's outcome (rows built, null when off) into the caller's summary;
 * `forgetLocal` also drops this process's copy.
 */
export async function rebuildReadModelAfterSeed<T>(
  model: Rebuildable,
  subdomains: readonly string[],
  report: (outcome: { subdomain: string; ctx: { tenantId: string }; rows: number | null }) => T | Promise<T>,
  { forgetLocal = false }: { forgetLocal?: boolean } = {},
): Promise<T[]> {
  const tenants = await Tenant.find({ subdomain: { $in: [...subdomains] } }, { subdomain: 1 }).lean();
  const out: T[] = [];
  for (const tenant of tenants) {
    const ctx = { tenantId: String(tenant._id) };
    await model.store.drop(ctx.tenantId);
    if (forgetLocal) model.forgetLocal(ctx.tenantId);
    const built = readModelMode() === "off" ? null : await model.build(ctx);
    out.push(await report({ subdomain: tenant.subdomain, ctx, rows: built ? built.rows : null }));
  }
  return out;
}
