// The deal list's filters, search and sort orders over deal rows: one descriptor of the list,
// read the same whether the rows come from the read model or from the database.
import type { AnySegment } from "@/lib/leads/list/sort-spec";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { DealListQuery, DealSort } from "../deal-list-query";
import type { DealIndexRow } from "./deal-index-row";

const SEP = "\u0001";

/** What a search looks in, lowercased: the address, the buyer's name and the seller's (cached on the row). */
export function dealSearchText(row: DealIndexRow): string {
  return (row._k ??= [row.full, row.street, row.city, row.zip, row.buyer_name, row.seller]
    .filter(Boolean)
    .join(SEP)
    .toLowerCase());
}

/**
 * The list's filters and search as one predicate over rows, with who may see what: a rep (who
 * does not read every lead) sees the deals of the leads assigned to them.
 */
export function dealRowMatcher(ctx: Pick<TenantContext, "userId">, seesAll: boolean, query: Pick<DealListQuery, "status" | "type" | "buyer" | "q">): (row: DealIndexRow) => boolean {
  const preds: ((row: DealIndexRow) => boolean)[] = [];
  if (!seesAll) {
    const me = ctx.userId;
    preds.push((r) => !!me && r.owner === me);
  }
  if (query.status.length) {
    const set = new Set<string>(query.status);
    preds.push((r) => set.has(r.status));
  }
  if (query.type.length) {
    const set = new Set<string>(query.type);
    preds.push((r) => r.type !== undefined && set.has(r.type));
  }
  if (query.buyer === "yes") preds.push((r) => !!r.buyer);
  if (query.buyer === "no") preds.push((r) => !r.buyer);
  if (query.q) {
    const needle = query.q.toLowerCase();
    preds.push(needle.includes(SEP) ? () => false : (r) => dealSearchText(r).includes(needle));
  }
  return (row) => {
    for (const p of preds) if (!p(row)) return false;
    return true;
  };
}

/** Sorts whose value some deals lack: those come last in either direction, by id in the same direction. */
const OPTIONAL: ReadonlySet<DealSort> = new Set(["closing_date", "purchase_price", "profit"]);

/** The sort as keyset segments (lib/core/read-models/query-rows.ts): by value, then the id. */
export function dealSortSegments(sort: DealSort, dir: "asc" | "desc"): AnySegment[] {
  const d = dir === "asc" ? 1 : -1;
  const bySort: AnySegment = { kind: "value", field: sort, dir: d, required: !OPTIONAL.has(sort) };
  return OPTIONAL.has(sort) ? [bySort, { kind: "value", field: "_id", dir: d, required: true }] : [bySort];
}

/** A row's value of a sort field; a deal never dated sorts as the epoch, as it always has. */
export function dealRowValue(row: DealIndexRow, field: string): unknown {
  switch (field) {
    case "created_at":
      return row.created_at ?? 0;
    case "updated_at":
      return row.updated_at ?? 0;
    case "closing_date":
      return row.closing_date;
    case "purchase_price":
      return row.purchase_price;
    case "profit":
      return row.profit;
    case "_id":
      return row._id;
    default:
      throw new Error(`deal rows have no sort field ${field}`);
  }
}
