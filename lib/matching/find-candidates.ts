import "server-only";
// The buyers worth scoring for one property, and their history with us. docs/matching.md.
//
// Candidates: one query per location key of the property (ZIP, city, county, state, and "any"
// for buyers who buy anywhere) on the spec's { tenant_id, preferred_locations } index, by
// equality: MongoDB serves each from the index, and FerretDB pushes tenant_id,
// preferred_locations and is_active down to PostgreSQL (it pushes equality, never $in), so only
// that area's buyers are read.
//  - plausible: active buyers of the area whose types and price range can fit (the spec's
//    "buyers matching lead criteria" conditions; a buyer with no types or no bound fits them);
//  - near misses: a bounded read per ZIP, city and county key of the area's buyers whatever
//    their status, type or price, so inactive, wrong-type and out-of-range buyers can be listed
//    apart with why (a state-wide buyer who misses is not listed: the state is everyone).
// Buyers of other areas, and buyers who gave no location at all, are never read. Scoring then
// runs in TypeScript (score.ts), which decides fits and misses itself. On the embedded database
// the same candidates come from the tenant's buyer boxes, built by the worker and shared through
// Redis (buyer-box-index.ts), because FerretDB decodes and filters each area's buyers in its own
// process.
//
// The buyers' histories with us (closed deals, replies, last contact) are buyer-histories.ts'.
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Buyer } from "@/models/buyer";
import { ANYWHERE_KEY, kindOfLocationKey } from "@/lib/buyers/locations";
import { BUYER_MATCH_FIELDS, buyerBoxOf, candidatesFromBoxes, matchingIndexEnabled, tenantBuyerBoxes, type BuyerRow } from "./buyer-box-index";
import type { BuyerBox, MatchProperty } from "./types";

/** How many buyers one area query may read: far above any real disposition list's area. */
export const PLAUSIBLE_LIMIT = 5_000;
/** How many buyers are read only to be shown as misses. */
export const NEAR_MISS_LIMIT = 200;

export { BUYER_MATCH_FIELDS, buyerBoxOf };

/** The spec's conditions for a box that can take this property, as one filter. */
function fitFilter(property: MatchProperty): Record<string, unknown>[] {
  const and: Record<string, unknown>[] = [];
  if (property.propertyType) {
    and.push({ $or: [{ property_types: property.propertyType }, { property_types: { $size: 0 } }] });
  }
  if (typeof property.price === "number") {
    and.push({ $or: [{ "price_range.min": { $lte: property.price } }, { "price_range.min": null }] });
    and.push({ $or: [{ "price_range.max": { $gte: property.price } }, { "price_range.max": null }] });
  }
  return and;
}

export async function findCandidateBuyers(ctx: TenantContext, property: MatchProperty): Promise<BuyerBox[]> {
  if (matchingIndexEnabled()) {
    // Redis not answering: the database still can.
    const boxes = await tenantBuyerBoxes(ctx).catch((err: unknown) => (console.error("[matching] buyer boxes unavailable", err), null));
    if (boxes) return candidatesFromBoxes(boxes, property);
  }
  const buyers = scoped(ctx, Buyer);
  const fit = fitFilter(property);
  const reads: Promise<BuyerRow[]>[] = [];
  for (const key of [...property.locationKeys, ANYWHERE_KEY]) {
    reads.push(
      buyers
        .find({ preferred_locations: key, is_active: true, ...(fit.length ? { $and: fit } : {}) }, BUYER_MATCH_FIELDS)
        .limit(PLAUSIBLE_LIMIT)
        .lean<BuyerRow[]>()
        .exec(),
    );
    const kind = kindOfLocationKey(key);
    if (kind === "zip" || kind === "city" || kind === "county") {
      reads.push(buyers.find({ preferred_locations: key }, BUYER_MATCH_FIELDS).limit(NEAR_MISS_LIMIT).lean<BuyerRow[]>().exec());
    }
  }
  const seen = new Set<string>();
  const out: BuyerBox[] = [];
  for (const rows of await Promise.all(reads)) {
    for (const row of rows) {
      const id = String(row._id);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(buyerBoxOf(row));
    }
  }
  return out;
}
