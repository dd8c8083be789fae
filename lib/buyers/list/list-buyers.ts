import "server-only";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { requirePermission } from "@/lib/auth/permissions";
import { decodeCursor, encodeCursor } from "@/lib/leads/list/cursor";
import { and, keysetFilter, segmentFilter, segmentSort } from "@/lib/leads/list/mongo-filter";
import type { AnySegment, Position } from "@/lib/leads/list/sort-spec";
import { Buyer } from "@/models/buyer";
import { buyerFilter } from "./buyer-filter";
import { BUYER_ROW_PROJECTION, toBuyerRow, type BuyerRow } from "./buyer-row";
import type { BuyerListQuery, BuyerQueryProblem, BuyerSortKey } from "./list-query";

// The buyer list reads the database directly: one indexed, projected, limited find per segment of
// the sort order (keyset, never skip), through the same cursor and keyset helpers as the lead list.

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
  nextCursor?: string;
  prevCursor?: string;
  problems: BuyerQueryProblem[];
};

type Paged = { doc: Record<string, any>; pos: Position };

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
export async function listBuyers(ctx: TenantContext, query: BuyerListQuery, { now = new Date(), withTotal = true }: { now?: Date; withTotal?: boolean } = {}): Promise<BuyerListPage> {
  requirePermission(ctx, "buyers.read");
  const base = buyerFilter(query, now);
  const segments = buyerSortSegments(query.sort, query.dir);
  const problems: BuyerQueryProblem[] = [];
  const token = query.after ?? query.before;
  let from = token ? decodeCursor(token, query.sort, query.dir) : null;
  if (token && !from) problems.push({ param: query.after ? "after" : "before", message: "That page link is out of date; showing the first page." });
  const backward = Boolean(from && query.before);

  const [read, total] = await Promise.all([
    readPage(ctx, base, segments, from, backward, query.size + 1),
    withTotal ? scoped(ctx, Buyer).countDocuments(base) : Promise.resolve(-1),
  ]);
  let items = read;
  let more = items.length > query.size;
  let forward = !backward;
  if (backward && !more) {
    from = null;
    forward = true;
    items = await readPage(ctx, base, segments, null, false, query.size + 1);
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
    nextCursor: hasNext && last ? encodeCursor(query.sort, query.dir, last.pos) : undefined,
    prevCursor: hasPrev && first ? encodeCursor(query.sort, query.dir, first.pos) : undefined,
    problems,
  };
}

/** Ids of every buyer a state's filters select (bulk actions on "all matching"), capped. */
export async function buyerIdsMatching(ctx: TenantContext, query: BuyerListQuery, cap = 20_000): Promise<string[]> {
  const docs = await scoped(ctx, Buyer).find(buyerFilter(query), { _id: 1 }).limit(cap).lean();
  return docs.map((d) => String(d._id));
}
