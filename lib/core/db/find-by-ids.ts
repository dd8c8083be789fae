import "server-only";
import type { Model } from "mongoose";
import { isObjectIdString } from "@/lib/core/db/scoped";
import { tenantObjectId, type TenantContext } from "@/lib/core/db/tenant-context";

/**
 * Documents of this tenant by id, one `{ _id }` read each, side by side, the tenant checked on
 * what comes back. On FerretDB an `_id: { $in }` filter (or `_id` with a second key) is not served
 * by the primary key: it read all 10,000 buyers (or 100,000 leads) to find a page's few
 * (docs/benchmarks.md, "Deal page"). MongoDB answers either form from the _id index.
 */
export async function findByIds<T extends object>(ctx: TenantContext, model: Model<any>, ids: readonly unknown[], projection: Record<string, 0 | 1>): Promise<T[]> {
  const tenant = String(tenantObjectId(ctx));
  const unique = [...new Set(ids.map(String))].filter(isObjectIdString);
  // An inclusion projection must also ask for the tenant, to check it; an exclusion one keeps it.
  const fields = Object.values(projection).includes(0) ? projection : { ...projection, tenant_id: 1 };
  const out: T[] = [];
  // A few at a time: a page has at most a few hundred ids, the pool 20 connections.
  for (let i = 0; i < unique.length; i += 16) {
    const docs = await Promise.all(unique.slice(i, i + 16).map((id) => model.findOne({ _id: id }, fields).setOptions({ allTenants: true }).lean<T>()));
    for (const d of docs) if (d && String((d as { tenant_id?: unknown }).tenant_id) === tenant) out.push(d);
  }
  return out;
}
