import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { memoryBudgetBytes, readModelMode, type LocalRows } from "@/lib/core/read-models/read-model";
import type { LeadPageSource } from "../page-source";
import type { IndexRow } from "./index-row";
import { leadReadModel } from "./lead-read-model";
import { queryLocalIndex } from "./query-rows";

// The lead list index: every lead of a tenant as a compact row in memory, so list, filter,
// search, board, counts and deep pages are one pass over memory instead of a scan of the leads
// collection (FerretDB sorts and counts in its own process: a sorted page of 1,600 leads takes
// about 350 ms there, of 100,000 seconds). See docs/benchmarks.md and docs/events-and-read-models.md.
//
// The machinery (shared copy in Redis, per-process memory within a budget, build by the worker,
// revision order, database fallback while building) is the generic read model
// (lib/core/read-models); this folder describes the lead's row (index-row.ts, lead-read-model.ts)
// and evaluates the lead list's filters and sort orders over the rows (query-rows.ts).

export type IndexMode = "auto" | "always" | "off";

/** `off` turns the index off (MongoDB deployments, where the database's own indexes serve lists). */
export const indexMode = readModelMode;

export { memoryBudgetBytes };

/** What one row costs in a process's heap, measured (docs/benchmarks.md): about 900 bytes. */
export const ROW_BYTES = leadReadModel.descriptor.rowBytes;

export type LocalIndex = LocalRows<IndexRow>;

/**
 * The tenant's index, caught up with every noted change, or null when none is built. Throws when
 * Redis does not answer (the caller falls back to the database).
 */
export function currentIndex(tenantId: string): Promise<LocalIndex | null> {
  return leadReadModel.current(tenantId);
}

/** A page source reading one loaded index. */
export function indexSourceOf(local: LocalIndex): LeadPageSource {
  return {
    name: "index",
    async query(ctx, req) {
      const { items, count } = queryLocalIndex(local, req);
      return { items, total: req.withCount ? count : -1 };
    },
    async count(ctx, clauses) {
      return queryLocalIndex(local, { clauses, spec: { key: "created", dir: "desc", segments: [] }, limit: 0 }).count;
    },
  };
}

/** Builds (or rebuilds) a tenant's index from the database (the worker's job; see the read model). */
export function buildLeadIndex(ctx: TenantContext): Promise<{ rows: number } | null> {
  return leadReadModel.build(ctx);
}

/** Asks the worker to build the tenant's index (once, however many requests ask). */
export function scheduleLeadIndexBuild(ctx: Pick<TenantContext, "tenantId">): Promise<void> {
  return leadReadModel.schedule(ctx.tenantId);
}

/** Applies changed leads to the tenant's index: each id read again now, ids no longer there removed. */
export function applyLeadChanges(ctx: TenantContext, ids: string[]): Promise<void> {
  return leadReadModel.applyChanges(ctx, ids);
}

/** Forgets this process's copy (tests). */
export function forgetLocalIndex(tenantId: string): void {
  leadReadModel.forgetLocal(tenantId);
}
