import "server-only";
import { memoOverRows } from "@/lib/core/read-models/query-rows";
import { rowsOf } from "@/lib/core/read-models/read-model";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { Clause } from "../list/criteria";
import type { IndexRow } from "../list/index/index-row";
import { currentIndex, indexMode, type LocalIndex } from "../list/index/lead-index";
import { candidateRows, compileClauses, queryFixedRows } from "../list/index/query-rows";
import type { LeadPageSource } from "../list/page-source";
import type { SortSpec } from "../list/sort-spec";

// Pages that show several slices of the same leads at once (the board's columns, the dashboard's
// counts) read the tenant's list index rows themselves, once, and split them in one pass: asking
// the list's page source once per column costs a pass over every row (and a Redis round trip to
// catch up) per column, which at 5,000 leads made the board and the dashboard the slowest pages
// (docs/benchmarks.md, "Workspace pages by company size").

/**
 * The tenant's list index, caught up with every change, or null when the database answers
 * instead (the same rule as the list's page source: no index built, index off, or Redis down).
 */
export async function indexFor(ctx: TenantContext): Promise<LocalIndex | null> {
  if (indexMode() === "off") return null;
  try {
    return await currentIndex(ctx.tenantId);
  } catch (err) {
    console.error("[lead-index] unavailable, reading the database", err);
    return null;
  }
}

/** The tenant's list index rows (see indexFor), or null when the database answers instead. */
export async function indexRowsFor(ctx: TenantContext): Promise<readonly IndexRow[] | null> {
  const local = await indexFor(ctx);
  return local ? rowsOf(local) : null;
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

// The same two over a loaded index: a search reads its candidates from the search index, and the
// groups are kept until the tenant's rows change (keyed by the clauses, which carry the person's
// visibility), so the board asked again costs a lookup. The arrays are never changed afterwards:
// rowsSource keeps its answers with them.

/** groupByStatus over a loaded index, kept until its rows change. */
export function statusGroupsOf(local: LocalIndex, clauses: readonly Clause[]): Map<string, IndexRow[]> {
  return memoOverRows(rowsOf(local), `status-groups:${JSON.stringify(clauses)}`, () => {
    const { rows, clauses: rest } = candidateRows(local, clauses);
    return groupByStatus(rows, rest);
  });
}

/** selectRows over a loaded index, kept until its rows change. */
export function selectionOf(local: LocalIndex, clauses: readonly Clause[]): IndexRow[] {
  return memoOverRows(rowsOf(local), `selection:${JSON.stringify(clauses)}`, () => {
    const { rows, clauses: rest } = candidateRows(local, clauses);
    return selectRows(rows, rest);
  });
}

const NO_ORDER: SortSpec = { key: "created", dir: "desc", segments: [] };

/**
 * A page source over rows already selected from the index (a superset of what each request asks
 * for: requests still apply their own clauses), so the list's paging and cursors serve a slice.
 * `holds`: clauses every one of the rows is known to meet (what selected them), which requests
 * then need not test again. The rows must never change afterwards (statusGroupsOf's and
 * selectionOf's do not): answers are kept with them.
 */
export function rowsSource(rows: readonly IndexRow[], holds: readonly Clause[] = []): LeadPageSource {
  const known = new Set(holds.map((c) => JSON.stringify(c)));
  const toTest = (clauses: Clause[]) => (known.size ? clauses.filter((c) => !known.has(JSON.stringify(c))) : clauses);
  return {
    name: "index",
    async query(_ctx, req) {
      const { items, count } = queryFixedRows(rows, { ...req, clauses: toTest(req.clauses) });
      return { items, total: req.withCount ? count : -1 };
    },
    async count(_ctx, clauses) {
      return queryFixedRows(rows, { clauses: toTest(clauses), spec: NO_ORDER, limit: 0 }).count;
    },
  };
}
