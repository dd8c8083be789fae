// The buyer list's filters over the read model's rows, with the database's meaning
// (buyer-filter.ts): `$in` over an array matches when any element does, a missing bound of a
// price range is open, a missing date never falls in a range, and "none"/"never"/"no deals"
// match missing values. A search term matches a row when one of its search keys starts with it,
// as the database's anchored `^term` pattern on search_keys does.
import { searchCandidates } from "@/lib/core/read-models/query-rows";
import { rowsOf, type LocalRows } from "@/lib/core/read-models/read-model";
import { searchTerms } from "@/lib/leads/search/search-terms";
import { stateKeyOf } from "../buyer-filter";
import type { BuyerListQuery } from "../list-query";
import type { BuyerIndexRow } from "./buyer-index-row";

const DAY = 86_400_000;
type Predicate = (row: BuyerIndexRow) => boolean;

function anyIn(values: readonly string[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < values.length; i++) if (set.has(values[i])) return true;
  return false;
}

/**
 * The list state's filters and search as one predicate over rows, as of `now`. `answered`: a
 * search term the rows were already chosen by (buyerCandidates), not tested again.
 */
export function buyerRowMatcher(query: BuyerListQuery, now: Date = new Date(), answered?: string): Predicate {
  const preds: Predicate[] = [];
  const t = now.getTime();
  if (query.types.length) {
    const set = new Set<string>(query.types);
    preds.push((r) => anyIn(r.types, set));
  }
  if (query.price !== undefined) {
    const price = query.price;
    preds.push((r) => (r.price_min === undefined || r.price_min <= price) && (r.price_max === undefined || r.price_max >= price));
  }
  if (query.loc.length) {
    const keys = new Set(query.loc);
    for (const k of query.loc) {
      const state = stateKeyOf(k);
      if (state) keys.add(state);
    }
    preds.push((r) => anyIn(r.locations, keys));
  }
  const oneOf = (values: readonly string[], get: (r: BuyerIndexRow) => string | undefined) => {
    if (!values.length) return;
    const set = new Set(values);
    preds.push((r) => {
      const v = get(r);
      return v !== undefined && set.has(v);
    });
  };
  oneOf(query.funding, (r) => r.funding);
  oneOf(query.experience, (r) => r.experience);
  oneOf(query.credit, (r) => r.credit);
  if (query.active !== undefined) {
    const want = query.active;
    preds.push((r) => r.active === want);
  }
  if (query.verified !== undefined) {
    const want = query.verified;
    preds.push((r) => r.verified === want);
  }
  if (query.pof === "valid") preds.push((r) => r.pof_expires !== undefined && r.pof_expires > t);
  if (query.pof === "expired") preds.push((r) => r.pof_expires !== undefined && r.pof_expires <= t);
  if (query.pof === "none") preds.push((r) => !r.pof_file);
  if (query.tags.length) {
    const set = new Set(query.tags);
    preds.push((r) => anyIn(r.tags, set));
  }
  if (query.contacted === "7d") preds.push((r) => r.last_contacted !== undefined && r.last_contacted >= t - 7 * DAY);
  if (query.contacted === "30d") preds.push((r) => r.last_contacted !== undefined && r.last_contacted >= t - 30 * DAY);
  if (query.contacted === "over_30d") preds.push((r) => r.last_contacted === undefined || r.last_contacted < t - 30 * DAY);
  if (query.contacted === "never") preds.push((r) => r.last_contacted === undefined);
  if (query.closed === true) preds.push((r) => r.deals !== undefined && r.deals > 0);
  if (query.closed === false) preds.push((r) => r.deals === undefined || r.deals === 0);
  for (const term of searchTerms(query.q)) {
    if (term === answered) continue;
    preds.push((r) => {
      const keys = r.search_keys;
      for (let i = 0; i < keys.length; i++) if (keys[i].startsWith(term)) return true;
      return false;
    });
  }
  if (preds.length === 0) return () => true;
  if (preds.length === 1) return preds[0];
  return (row) => {
    for (const p of preds) if (!p(row)) return false;
    return true;
  };
}

const keysOf = (row: BuyerIndexRow) => row.search_keys;

/**
 * The rows of a tenant's copy a list state must read: while it searches, the rows matching its
 * most selective term, from the copy's search index (built on the first search, then kept
 * current by every change), with that term (`answered`); else every row. Pass `answered` to
 * buyerRowMatcher for the rest of the query.
 */
export function buyerCandidates(local: LocalRows<BuyerIndexRow>, query: Pick<BuyerListQuery, "q">): { rows: readonly BuyerIndexRow[]; answered?: string } {
  const found = searchCandidates(local, searchTerms(query.q), keysOf);
  return found ? { rows: found.rows, answered: found.prefix } : { rows: rowsOf(local) };
}

/** A row's value of a sort field as the database path names it (buyerSortSegments). */
export function buyerRowValue(row: BuyerIndexRow, field: string): unknown {
  switch (field) {
    case "name":
      return row.name;
    case "created_at":
      return row.created_at;
    case "last_contacted":
      return row.last_contacted;
    case "price_range.min":
      return row.price_min;
    case "price_range.max":
      return row.price_max;
    case "total_deals":
      return row.deals;
    default:
      throw new Error(`buyer rows have no sort field ${field}`);
  }
}

export const BUYER_DATE_FIELDS: ReadonlySet<string> = new Set(["created_at", "last_contacted"]);
