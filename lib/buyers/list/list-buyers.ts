import "server-only";
import { Types } from "mongoose";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { requirePermission } from "@/lib/core/permissions";
import { AppError } from "@/lib/core/errors";
import { decodeCursor, encodeCursor } from "@/lib/leads/list/cursor";
import { and, keysetFilter, segmentFilter, segmentSort } from "@/lib/leads/list/mongo-filter";
import type { AnySegment, Position } from "@/lib/leads/list/sort-spec";
import { Buyer } from "@/models/buyer";
import { buyerFilter } from "./buyer-filter";
import { BUYER_ROW_PROJECTION, toBuyerRow, type BuyerRow } from "./buyer-row";
import type { BuyerListQuery, BuyerQueryProblem, BuyerSortKey } from "./list-query";
import { readModelMode, type LocalRows } from "@/lib/core/read-models/read-model";
import { queryRowPage } from "@/lib/core/read-models/query-rows";
import { buyerReadModel } from "./index/buyer-read-model";
import { fromBuyerIndexRow, type BuyerIndexRow } from "./index/buyer-index-row";
import { BUYER_DATE_FIELDS, buyerCandidates, buyerRowMatcher, buyerRowValue } from "./index/query-rows";

// Where a page comes from: the buyer read model's rows in memory (lib/core/read-models; one pass
// over the tenant's buyers for the page and the total, or, for a search, over the rows the copy's
// search index finds for its most selective term), or, when it is off (MongoDB), not built
// yet or Redis does not answer, the database: one indexed, projected, limited find per segment of
// the sort order (keyset, never skip) plus a count. Both answer the same, with the same cursors.

const SORT_FIELDS: Record<BuyerSortKey, { field: string; required: boolean }> = {
  name: { field: "name", required: true },
  created: { field: "created_at", required: true },
  last_contacted: { field: "last_contacted", required: false },
  price_min: { field: "price_range.min", required: false },
  price_max: { field: "price_range.max", required: false },
  deals: { field: "total_deals", required: false },
};

/** The segments a sort walks through: buyers with a value in order, then those without one. */
export function buyerSortSegments(key: BuyerSortKey, dir: "asc" | "desc"): AnySegment[] {
  const { field, required } = SORT_FIELDS[key];
  const segments: AnySegment[] = [{ kind: "value", field, dir: dir === "asc" ? 1 : -1, required }];
  if (!required) segments.push({ kind: "equals", field, value: null });
  return segments;
}

function valueAt(doc: Record<string, any>, path: string): unknown {
  return path.split(".").reduce<any>((v, k) => (v == null ? undefined : v[k]), doc);
}

export type BuyerListPage = {
  rows: BuyerRow[];
  total: number;
  /** Where the page was read: the read model's rows ("index") or the database. */
  source: "index" | "database";
  nextCursor?: string;
  prevCursor?: string;
  problems: BuyerQueryProblem[];
};

type Paged = { doc: Record<string, any>; pos: Position };

/** Reads `limit` buyers after (or before) a position, and the total when asked. */
type PageReader = (from: Position | null, backward: boolean, limit: number, withTotal: boolean) => Promise<{ items: Paged[]; total: number }>;

function databaseReader(ctx: TenantContext, query: BuyerListQuery, segments: AnySegment[], now: Date): PageReader {
  const base = buyerFilter(query, now);
  return async (from, backward, limit, withTotal) => {
    const [items, total] = await Promise.all([readPage(ctx, base, segments, from, backward, limit), withTotal ? scoped(ctx, Buyer).countDocuments(base) : Promise.resolve(-1)]);
    return { items, total };
  };
}

function rowsReader(local: LocalRows<BuyerIndexRow>, query: BuyerListQuery, segments: AnySegment[], now: Date): PageReader {
  const { rows, answered } = buyerCandidates(local, query);
  const match = buyerRowMatcher(query, now, answered);
  return async (from, backward, limit, withTotal) => {
    const { items, count } = queryRowPage(rows, { match, segments, valueOf: buyerRowValue, dateFields: BUYER_DATE_FIELDS, from, backward, limit });
    return { items: items.map(({ row, pos }) => ({ doc: fromBuyerIndexRow(row), pos })), total: withTotal ? count : -1 };
  };
}

/** The tenant's copy of the buyer rows, caught up, or null when the database must answer (see above). */
async function buyerRows(ctx: TenantContext): Promise<LocalRows<BuyerIndexRow> | null> {
  if (readModelMode() === "off") return null;
  try {
    return await buyerReadModel.current(ctx.tenantId);
  } catch (err) {
    console.error("[buyer-list-index] unavailable, reading the database", err);
    return null;
  }
}

async function readPage(ctx: TenantContext, base: Record<string, unknown>, segments: AnySegment[], from: Position | null, backward: boolean, limit: number): Promise<Paged[]> {
  const out: Paged[] = [];
  const start = from?.s ?? (backward ? segments.length - 1 : 0);
  for (let s = start; backward ? s >= 0 : s < segments.length; s += backward ? -1 : 1) {
    const seg = segments[s];
    const filter = and(base, segmentFilter(seg), from && s === from.s ? keysetFilter(seg, from, backward) : undefined);
    const docs = await scoped(ctx, Buyer)
      .find(filter, BUYER_ROW_PROJECTION)
      .sort(segmentSort(seg, backward))
      .limit(limit - out.length)
      .lean<Record<string, any>[]>();
    for (const doc of docs) {
      const v = seg.kind === "value" ? (valueAt(doc, seg.field) as Position["v"]) : undefined;
      out.push({ doc, pos: seg.kind === "value" ? { s, v, id: String(doc._id) } : { s, id: String(doc._id) } });
    }
    if (out.length >= limit) break;
  }
  return out;
}

/** One page of the tenant's buyers, filtered, searched and sorted, with keyset cursors and the total. */
export async function listBuyers(
  ctx: TenantContext,
  query: BuyerListQuery,
  { now = new Date(), withTotal = true, source = "auto" }: { now?: Date; withTotal?: boolean; source?: "auto" | "database" } = {},
): Promise<BuyerListPage> {
  requirePermission(ctx, "buyers.read");
  const segments = buyerSortSegments(query.sort, query.dir);
  const problems: BuyerQueryProblem[] = [];
  const token = query.after ?? query.before;
  let from = token ? decodeCursor(token, query.sort, query.dir) : null;
  if (token && !from) problems.push({ param: query.after ? "after" : "before", message: "That page link is out of date; showing the first page." });
  const backward = Boolean(from && query.before);

  const local = source === "database" ? null : await buyerRows(ctx);
  const read = local ? rowsReader(local, query, segments, now) : databaseReader(ctx, query, segments, now);
  const firstRead = await read(from, backward, query.size + 1, withTotal);
  const total = firstRead.total;
  let items = firstRead.items;
  let more = items.length > query.size;
  let forward = !backward;
  if (backward && !more) {
    from = null;
    forward = true;
    items = (await read(null, false, query.size + 1, false)).items;
    more = items.length > query.size;
  }
  if (more) items = items.slice(0, query.size);
  if (!forward) items = items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  const hasNext = forward ? more : true;
  const hasPrev = forward ? Boolean(from) : more;
  return {
    rows: items.map((i) => toBuyerRow(i.doc, now)),
    total,
    source: local ? "index" : "database",
    nextCursor: hasNext && last ? encodeCursor(query.sort, query.dir, last.pos) : undefined,
    prevCursor: hasPrev && first ? encodeCursor(query.sort, query.dir, first.pos) : undefined,
    problems,
  };
}

/**
 * Ids of the buyers a list state's filters select, every page of them ("select all N matching"),
 * in the list's name order: from the rows the list itself is paged from (the read model, caught
 * up) or, without them, the database, so an action on "all N matching" acts on the N the list
 * showed. With `among`, only those of these ids (ticked buyers; malformed or another tenant's ids
 * match nothing). Throws past `cap`.
 */
export async function buyerIdsMatching(
  ctx: TenantContext,
  query: BuyerListQuery,
  { now = new Date(), cap, among }: { now?: Date; cap: number; among?: readonly string[] },
): Promise<{ ids: string[]; source: "index" | "database" }> {
  requirePermission(ctx, "buyers.read");
  const tooMany = () => new AppError("bad_request", `At most ${cap.toLocaleString("en-US")} buyers at once; narrow the filters.`);
  const wanted = among && new Set(among.map((id) => id.toLowerCase()));
  const local = await buyerRows(ctx);
  if (local) {
    const { rows, answered } = buyerCandidates(local, query);
    const match = buyerRowMatcher(query, now, answered);
    const hits = rows.filter((r) => (!wanted || wanted.has(r._id)) && match(r));
    if (hits.length > cap) throw tooMany();
    hits.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    return { ids: hits.map((r) => r._id), source: "index" };
  }
  const filter = wanted ? and(buyerFilter(query, now), { _id: { $in: [...wanted].filter(isObjectIdString).map((id) => new Types.ObjectId(id)) } }) : buyerFilter(query, now);
  const docs = await scoped(ctx, Buyer).find(filter, { _id: 1 }).sort({ name: 1, _id: 1 }).limit(cap + 1).lean();
  if (docs.length > cap) throw tooMany();
  return { ids: docs.map((d) => String(d._id)), source: "database" };
}
