import "server-only";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { Buyer } from "@/models/buyer";

// Distinct reads the whole collection on FerretDB; a minute-old list is fine for a filter menu.
const cache = new Map<string, { at: number; values: string[] }>();

/** The tags the tenant's buyers carry, for the filter menu. */
export async function buyerTagOptions(ctx: TenantContext): Promise<string[]> {
  const hit = cache.get(ctx.tenantId);
  if (hit && Date.now() - hit.at < 60_000) return hit.values;
  const values = ((await scoped(ctx, Buyer).distinct("tags")) as unknown[]).filter((t): t is string => typeof t === "string" && t !== "").sort().slice(0, 100);
  cache.set(ctx.tenantId, { at: Date.now(), values });
  return values;
}
