import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { decodeCursor, encodeCursor } from "./cursor";
import { toLeadRow, type LeadRow } from "./lead-row";
import type { LeadListQuery, ListQueryProblem } from "./list-query";
import { pageSourceFor } from "./source";
import type { LeadPageSource } from "./page-source";
import { scopeClauses, type ListOptions } from "./scope";
import { sortSpec } from "./sort-spec";

export type LeadListPage = {
  rows: LeadRow[];
  /** Leads matching the filters (all pages). */
  total: number;
  nextCursor?: string;
  prevCursor?: string;
  /** Problems with the request that were worked around (a stale cursor reads the first page). */
  problems: ListQueryProblem[];
  /** Which source answered (database or index), for the benchmark and debugging. */
  source: string;
};

export type ListLeadsOptions = ListOptions & { withTotal?: boolean; source?: LeadPageSource };

/**
 * One page of the leads this person may see, filtered, searched and sorted as the list state
 * says, with keyset cursors for the pages before and after it and the total count.
 */
export async function listLeads(ctx: TenantContext, query: LeadListQuery, options: ListLeadsOptions = {}): Promise<LeadListPage> {
  const clauses = scopeClauses(ctx, query, options);
  const spec = sortSpec(query.sort, query.dir);
  const source = options.source ?? (await pageSourceFor(ctx));
  const problems: ListQueryProblem[] = [];

  const token = query.after ?? query.before;
  let from = token ? decodeCursor(token, query.sort, query.dir) : null;
  if (token && !from) problems.push({ param: query.after ? "after" : "before", message: "That page link is out of date; showing the first page." });
  const backward = Boolean(from && query.before);

  const withCount = options.withTotal !== false;
  const read = await source.query(ctx, { clauses, spec, from: from ?? undefined, backward, limit: query.size + 1, withCount });
  const total = read.total;

  let items = read.items;
  let more = items.length > query.size;
  let forward = !backward;
  if (backward && !more) {
    // Paged back to the start: show a full first page rather than a short one.
    from = null;
    forward = true;
    items = (await source.query(ctx, { clauses, spec, limit: query.size + 1 })).items;
    more = items.length > query.size;
  }
  if (more) items = items.slice(0, query.size);
  if (!forward) items = items.reverse();

  const first = items[0];
  const last = items[items.length - 1];
  const hasNext = forward ? more : true;
  const hasPrev = forward ? Boolean(from) : more;
  return {
    rows: items.map((i) => toLeadRow(i.doc)),
    total,
    nextCursor: hasNext && last ? encodeCursor(query.sort, query.dir, last.pos) : undefined,
    prevCursor: hasPrev && first ? encodeCursor(query.sort, query.dir, first.pos) : undefined,
    problems,
    source: source.name,
  };
}

/** How many leads a list state's filters select for this person. */
export async function countLeads(ctx: TenantContext, query: LeadListQuery, options: ListLeadsOptions = {}): Promise<number> {
  const source = options.source ?? (await pageSourceFor(ctx));
  return source.count(ctx, scopeClauses(ctx, query, options));
}
