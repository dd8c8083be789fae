import "server-only";
import { readModelMode, rowsOf } from "@/lib/core/read-models/read-model";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Buyer } from "@/models/buyer";
import { buyerReadModel } from "./index/buyer-read-model";

// Distinct reads the whole collection on FerretDB; a minute-old list is fine for a filter menu.
const cache = new Map<string, { at: number; values: string[] }>();

/** The tags the buyer list's rows carry, or null when the database must answer. */
async function tagsFromRows(ctx: TenantContext): Promise<string[] | null> {
  if (readModelMode() === "off") return null;
  const local = await buyerReadModel.current(ctx.tenantId).catch(() => null);
  if (!local) return null;
  const tags = new Set<string>();
  for (const row of rowsOf(local)) for (const t of row.tags) tags.add(t);
  return [...tags];
}

/** The tags the tenant's buyers carry, for the filter menu. */
export async function buyerTagOptions(ctx: TenantContext): Promise<string[]> {
  const hit = cache.get(ctx.tenantId);
  if (hit && Date.now() - hit.at < 60_000) return hit.values;
  const carried = (await tagsFromRows(ctx)) ?? ((await scoped(ctx, Buyer).distinct("tags")) as unknown[]);
  const values = carried.filter((t): t is string => typeof t === "string" && t !== "").sort().slice(0, 100);
  cache.set(ctx.tenantId, { at: Date.now(), values });
  return values;
}
