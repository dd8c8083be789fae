import "server-only";
import { rowsOf } from "@/lib/core/read-models/read-model";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { Clause } from "../list/criteria";
import type { IndexRow } from "../list/index/index-row";
import { currentIndex, indexMode } from "../list/index/lead-index";
import { compileClauses, queryRows } from "../list/index/query-rows";
import type { LeadPageSource } from "../list/page-source";
import type { SortSpec } from "../list/sort-spec";

// Pages that show several slices of the same leads at once (the board's columns, the dashboard's
// counts) read the tenant's list index rows themselves, once, and split them in one pass: asking
// the list's page source once per column costs a pass over every row (and a Redis round trip to
// catch up) per column, which at 5,000 leads made the board and the dashboard the slowest pages
// (docs/benchmarks.md, "Workspace pages by company size").

/**
 * The tenant's list index rows, caught up with every change, or null when the database answers
 * instead (the same rule as the list's page source: no index built, index off, or Redis down).
 */
export async function indexRowsFor(ctx: TenantContext): Promise<readonly IndexRow[] | null> {
  if (indexMode() === "off") return null;
  try {
    const local = await currentIndex(ctx.tenantId);
    return local ? rowsOf(local) : null;
  } catch (err) {
    console.error("[lead-index] unavailable, reading the database", err);
    return null;
  }
}

/** The rows the clauses select, grouped by status, in one pass. */
export function groupByStatus(rows: Iterable<IndexRow>, clauses: readonly Clause[]): Map<string, IndexRow[]> {
  const matches = compileClauses(clauses);
  const groups = new Map<string, IndexRow[]>();
  for (const row of rows) {
    if (!matches(row)) continue;
    const group = groups.get(row.status);
    if (group) group.push(row);
    else groups.set(row.status, [row]);
  }
  return groups;
}

/** The rows the clauses select, in one pass. */
export function selectRows(rows: Iterable<IndexRow>, clauses: readonly Clause[]): IndexRow[] {
  const matches = compileClauses(clauses);
  const out: IndexRow[] = [];
  for (const row of rows) if (matches(row)) out.push(row);
  return out;
}

const NO_ORDER: SortSpec = { key: "created", dir: "desc", segments: [] };

/**
 * A page source over rows already selected from the index (a superset of what each request asks
 * for: requests still apply their own clauses), so the list's paging and cursors serve a slice.
 */
export function rowsSource(rows: readonly IndexRow[]): LeadPageSource {
  return {
    name: "index",
    async query(_ctx, req) {
      const { items, count } = queryRows(rows, req);
      return { items, total: req.withCount ? count : -1 };
    },
    async count(_ctx, clauses) {
      return queryRows(rows, { clauses, spec: NO_ORDER, limit: 0 }).count;
    },
  };
}
