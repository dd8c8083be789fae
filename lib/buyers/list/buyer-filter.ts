import "server-only";
import { prefixPattern, searchTerms } from "@/lib/leads/search/search-terms";
import { and } from "@/lib/leads/list/mongo-filter";
import type { BuyerListQuery } from "./list-query";

type Filter = Record<string, unknown>;
const DAY = 86_400_000;

/** The whole-state key a location lies in ("city:tx:dallas" → "state:tx"); ZIPs name no state. */
export function stateKeyOf(key: string): string | undefined {
  const m = /^(?:city|county):([a-z]{2}):/.exec(key) ?? /^state:([a-z]{2})$/.exec(key);
  return m ? `state:${m[1]}` : undefined;
}

/**
 * A buyer list state's filters as a MongoDB filter (portable operators only, see
 * MONGO-SUBSET.md). The tenant is added by scoped(). Proof of funds counts as valid while its
 * expiry date is after `now`.
 */
export function buyerFilter(query: BuyerListQuery, now: Date = new Date()): Filter {
  const parts: Filter[] = [];
  if (query.types.length) parts.push({ property_types: { $in: query.types } });
  if (query.price !== undefined) {
    parts.push({ $or: [{ "price_range.min": { $lte: query.price } }, { "price_range.min": null }] });
    parts.push({ $or: [{ "price_range.max": { $gte: query.price } }, { "price_range.max": null }] });
  }
  if (query.loc.length) {
    // A buyer who wants the whole state fits any place in it.
    const keys = new Set(query.loc);
    for (const k of query.loc) {
      const state = stateKeyOf(k);
      if (state) keys.add(state);
    }
    parts.push({ preferred_locations: { $in: [...keys] } });
  }
  if (query.funding.length) parts.push({ funding_type: { $in: query.funding } });
  if (query.experience.length) parts.push({ experience_level: { $in: query.experience } });
  if (query.credit.length) parts.push({ credit_score: { $in: query.credit } });
  if (query.active !== undefined) parts.push({ is_active: query.active });
  if (query.verified !== undefined) parts.push({ is_verified: query.verified });
  if (query.pof === "valid") parts.push({ "proof_of_funds.expires_at": { $gt: now } });
  if (query.pof === "expired") parts.push({ "proof_of_funds.expires_at": { $lte: now } });
  if (query.pof === "none") parts.push({ "proof_of_funds.file_id": { $in: [null, ""] } });
  if (query.tags.length) parts.push({ tags: { $in: query.tags } });
  if (query.contacted === "7d") parts.push({ last_contacted: { $gte: new Date(now.getTime() - 7 * DAY) } });
  if (query.contacted === "30d") parts.push({ last_contacted: { $gte: new Date(now.getTime() - 30 * DAY) } });
  if (query.contacted === "over_30d") parts.push({ $or: [{ last_contacted: { $lt: new Date(now.getTime() - 30 * DAY) } }, { last_contacted: null }] });
  if (query.contacted === "never") parts.push({ last_contacted: null });
  if (query.closed === true) parts.push({ total_deals: { $gt: 0 } });
  if (query.closed === false) parts.push({ $or: [{ total_deals: 0 }, { total_deals: null }] });
  for (const term of searchTerms(query.q)) parts.push({ search_keys: { $regex: prefixPattern(term) } });
  return and(...parts);
}
