import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Lead } from "@/models/lead";
import { LEAD_STATUSES, type LeadStatus } from "@/models/lead-enums";
import { listLeads } from "../list/list-leads";
import { filterPart, type LeadListQuery } from "../list/list-query";
import { clausesFilter } from "../list/mongo-filter";
import { dbSource } from "../list/db-source";
import type { LeadPageSource } from "../list/page-source";
import { indexFor, rowsSource, statusGroupsOf } from "./index-rows";
import { scopeClauses, type ListOptions } from "../list/scope";
import type { LeadRow } from "../list/lead-row";

export const BOARD_COLUMN_SIZE = 20;

export type BoardColumn = { status: LeadStatus; total: number; cards: LeadRow[]; nextCursor?: string };

/** The statuses a board shows: all of them, or those the status filter keeps. */
export function boardStatuses(query: LeadListQuery): LeadStatus[] {
  return query.status.length ? LEAD_STATUSES.filter((s) => query.status.includes(s)) : [...LEAD_STATUSES];
}

/** How many leads of each status match the filters, in one aggregate (the database path). */
async function countByStatus(ctx: TenantContext, query: LeadListQuery, options: ListOptions): Promise<Record<string, number>> {
  const rows = await scoped(ctx, Lead).aggregate<{ _id: string; n: number }>([{ $group: { _id: "$status", n: { $sum: 1 } } }], clausesFilter(scopeClauses(ctx, { ...query, status: [] }, options)));
  return Object.fromEntries(rows.map((r) => [r._id, r.n]));
}

/**
 * The pipeline board: one column per status with its count and its first cards, under the same
 * filters, sort and visibility as the list. From the list index, the rows are split into columns
 * in one pass (visibility and filters checked once per row) and each column pages over its own
 * rows; from the database, one aggregate for the counts and one sorted page per column.
 */
export async function getBoard(ctx: TenantContext, query: LeadListQuery, options: ListOptions & { perColumn?: number } = {}): Promise<BoardColumn[]> {
  const base = filterPart(query);
  const statuses = boardStatuses(base);
  const size = options.perColumn ?? BOARD_COLUMN_SIZE;
  const column = (status: LeadStatus, source?: LeadPageSource) => listLeads(ctx, { ...base, status: [status], size }, { ...options, withTotal: false, source });
  const local = await indexFor(ctx);
  if (local) {
    const selected = scopeClauses(ctx, { ...base, status: [] }, options);
    const groups = statusGroupsOf(local, selected);
    const pages = await Promise.all(
      statuses.map((status) => column(status, rowsSource(groups.get(status) ?? [], [...selected, { kind: "in", field: "status", values: [status] }]))),
    );
    return statuses.map((status, i) => ({ status, total: groups.get(status)?.length ?? 0, cards: pages[i].rows, nextCursor: pages[i].nextCursor }));
  }
  const [counts, pages] = await Promise.all([countByStatus(ctx, base, options), Promise.all(statuses.map((status) => column(status, dbSource)))]);
  return statuses.map((status, i) => ({ status, total: counts[status] ?? 0, cards: pages[i].rows, nextCursor: pages[i].nextCursor }));
}

/** More cards of one column, after a cursor from getBoard or a previous call. */
export async function getBoardColumnPage(ctx: TenantContext, query: LeadListQuery, status: LeadStatus, after: string, options: ListOptions & { perColumn?: number } = {}): Promise<{ cards: LeadRow[]; nextCursor?: string }> {
  const base = filterPart(query);
  if (!boardStatuses(base).includes(status)) return { cards: [] };
  const page = await listLeads(ctx, { ...base, status: [status], size: options.perColumn ?? BOARD_COLUMN_SIZE, after }, { ...options, withTotal: false });
  return { cards: page.rows, nextCursor: page.nextCursor };
}
