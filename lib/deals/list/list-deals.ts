import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { queryRowPage } from "@/lib/core/read-models/query-rows";
import { rowsOf } from "@/lib/core/read-models/read-model";
import { Deal } from "@/models/deal";
import type { DealStatus, DealType } from "@/models/deal-enums";
import { seesAllDeals } from "../get-deal";
import type { DealListQuery } from "./deal-list-query";
import { DEAL_INDEX_PROJECTION, joinDealParties, toDealIndexRow, type DealIndexRow, type DealSourceDoc } from "./index/deal-index-row";
import { dealReadModel, dealReadModelsEnabled } from "./index/deal-read-model";
import { decodeCursor, encodeCursor } from "@/lib/leads/list/cursor";
import { dealRowMatcher, dealRowValue, dealSortSegments } from "./index/query-rows";

export type DealRow = {
  id: string;
  address: string;
  city: string | null;
  status: DealStatus;
  dealType: DealType;
  buyerId: string | null;
  buyerName: string | null;
  purchasePrice: number | null;
  profit: number | null;
  roi: number | null;
  closingDate: string | null;
  createdAt: string;
  updatedAt: string;
};

export type DealPage = { rows: DealRow[]; total: number; nextCursor?: string };

// The list, the board and the disposition dashboard read deal rows (index/deal-index-row.ts):
// every deal of the company from the deal read model (lib/core/read-models: in memory, kept by
// events, built by the worker) when it is built, else the same rows made from one database read.
// Filters, search, sort and keyset pages are then one pass over the rows (index/query-rows.ts),
// whichever the source: a missing closing date or profit sorts last in either direction.
const MAX_DEALS = 20_000;

/** Where the deals are read: the read model when built ("auto"), or the database (tests comparing both). */
export type DealSource = { source?: "auto" | "database" };

/**
 * Every deal row of the company, from the read model when it is built, else null (a build is
 * asked for) and also when Redis does not answer or the read models are off.
 */
export async function currentDealRows(tenantId: string, { source = "auto" }: DealSource = {}): Promise<DealIndexRow[] | null> {
  if (source === "database" || !dealReadModelsEnabled()) return null;
  const local = await dealReadModel.current(tenantId).catch((err: unknown) => (console.error("[deal read model] read failed, reading the database", err), null));
  return local ? rowsOf(local) : null;
}

/**
 * Deal rows from the database: the deals the filter selects (at most MAX_DEALS), with their
 * buyers' and leads' names and owners joined unless `join` is false (the dashboard needs none).
 */
export async function readDealRows(ctx: TenantContext, filter: Record<string, unknown>, { join = true } = {}): Promise<DealIndexRow[]> {
  const docs = await scoped(ctx, Deal).find(filter, DEAL_INDEX_PROJECTION).limit(MAX_DEALS).lean<DealSourceDoc[]>();
  return (join ? await joinDealParties(ctx, docs) : docs).map((d) => toDealIndexRow(d, 0));
}

/** The filters the database serves from its indexes (the rest, read by the same matcher as the rows). */
function databaseFilter(query: Pick<DealListQuery, "status" | "type" | "buyer">): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.status.length) filter.status = { $in: query.status };
  if (query.type.length) filter.deal_type = { $in: query.type };
  if (query.buyer === "yes") filter.buyer_id = { $ne: null };
  if (query.buyer === "no") filter.buyer_id = null;
  return filter;
}

/** One page of the deal list, with the total of the filtered list; keyset paging on (sort value, id). */
export async function listDeals(ctx: TenantContext, query: DealListQuery, limit = 50, options: DealSource = {}): Promise<DealPage> {
  const seesAll = seesAllDeals(ctx);
  const rows = (await currentDealRows(ctx.tenantId, options)) ?? (await readDealRows(ctx, databaseFilter(query)));
  const segments = dealSortSegments(query.sort, query.dir);
  const { items, count } = queryRowPage(rows, {
    match: dealRowMatcher(ctx, seesAll, query),
    segments,
    valueOf: dealRowValue,
    from: query.after ? decodeCursor(query.after, query.sort, query.dir) : null,
    limit: limit + 1,
  });
  const page = items.slice(0, limit);
  return {
    total: count,
    nextCursor: items.length > limit ? encodeCursor(query.sort, query.dir, page[page.length - 1].pos) : undefined,
    rows: page.map(({ row }) => toDealRow(row)),
  };
}

const iso = (t: number | undefined) => new Date(t ?? 0).toISOString();

export function toDealRow(r: DealIndexRow): DealRow {
  return {
    id: r._id,
    address: r.full || [r.street, r.city, r.state, r.zip].filter(Boolean).join(", ") || "No address",
    city: r.city ?? null,
    status: r.status,
    dealType: (r.type ?? "wholesale") as DealType,
    buyerId: r.buyer ?? null,
    buyerName: r.buyer ? (r.buyer_name ?? "A removed buyer") : null,
    purchasePrice: r.purchase_price ?? null,
    profit: r.profit ?? null,
    roi: r.roi ?? null,
    closingDate: r.closing_date !== undefined ? iso(r.closing_date) : null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at ?? r.created_at),
  };
}

/** The board: every visible deal matching the filters, by status, each column newest change first. */
export async function getDealBoard(ctx: TenantContext, query: Pick<DealListQuery, "type" | "buyer" | "q">, options: DealSource = {}): Promise<{ status: DealStatus; rows: DealRow[] }[]> {
  const page = await listDeals(ctx, { status: [], type: query.type, buyer: query.buyer, q: query.q, sort: "updated_at", dir: "desc" }, MAX_DEALS, options);
  const statuses: DealStatus[] = ["pending", "under_contract", "closed", "cancelled"];
  return statuses.map((status) => ({ status, rows: page.rows.filter((r) => r.status === status) }));
}
