import "server-only";
// The buyers worth scoring for one property, and their history with us, in a few bulk reads.
//
// Candidates: one query per location key of the property (ZIP, city, county, state) on the
// spec's { tenant_id, preferred_locations } index, by equality: MongoDB serves each from the
// index, and FerretDB pushes tenant_id, preferred_locations and is_active down to PostgreSQL
// (it pushes equality, never $in), so only that area's buyers are read.
//  - plausible: active buyers of the area whose types and price range can fit (the spec's
//    "buyers matching lead criteria" conditions; a buyer with no types or no bound fits them);
//  - near misses: a bounded read of the area's buyers whatever their status, type or price,
//    so inactive, wrong-type and out-of-range buyers can be listed apart with why;
//  - buyers with no preferred location at all (they take anywhere), active only, bounded.
// Buyers of other areas are never read: they are not candidates. Scoring then runs in TypeScript
// (score.ts), which decides fits and misses itself; the queries only bound what is read.
//
// History: closed deals and communications of the fitting candidates, each in one query with
// $in over their ids (never one query per buyer).
import { Types } from "mongoose";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { buildHistories, type ClosedDealRow, type MessageRow } from "./history";
import type { BuyerBox, BuyerHistory, MatchProperty } from "./types";

/** How many buyers one area query may read: far above any real disposition list's area. */
export const PLAUSIBLE_LIMIT = 5_000;
/** How many buyers are read only to be shown as misses. */
export const NEAR_MISS_LIMIT = 200;
/** How far back messages count for responsiveness. */
const MESSAGE_WINDOW_DAYS = 365;

export const BUYER_MATCH_FIELDS = {
  name: 1,
  company: 1,
  is_active: 1,
  is_verified: 1,
  property_types: 1,
  price_range: 1,
  preferred_locations: 1,
  funding_type: 1,
  proof_of_funds: 1,
  last_contacted: 1,
} as const;

type BuyerRow = Omit<BuyerBox, "id"> & { _id: Types.ObjectId };

export function buyerBoxOf(row: BuyerRow): BuyerBox {
  const { _id, ...rest } = row;
  return { ...rest, id: String(_id) };
}

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
  const buyers = scoped(ctx, Buyer);
  const fit = fitFilter(property);
  const reads: Promise<BuyerRow[]>[] = [];
  for (const key of property.locationKeys) {
    reads.push(
      buyers
        .find({ preferred_locations: key, is_active: true, ...(fit.length ? { $and: fit } : {}) }, BUYER_MATCH_FIELDS)
        .limit(PLAUSIBLE_LIMIT)
        .lean<BuyerRow[]>()
        .exec(),
      buyers.find({ preferred_locations: key }, BUYER_MATCH_FIELDS).limit(NEAR_MISS_LIMIT).lean<BuyerRow[]>().exec(),
    );
  }
  reads.push(
    buyers
      .find({ preferred_locations: { $size: 0 }, is_active: true, ...(fit.length ? { $and: fit } : {}) }, BUYER_MATCH_FIELDS)
      .limit(NEAR_MISS_LIMIT)
      .lean<BuyerRow[]>()
      .exec(),
  );
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

/** Closed deals and messages of these buyers, folded per buyer: two queries whatever their number. */
export async function readBuyerHistories(ctx: TenantContext, buyerIds: string[], now: Date): Promise<Map<string, BuyerHistory>> {
  if (buyerIds.length === 0) return new Map();
  const ids = buyerIds.map((id) => new Types.ObjectId(id));
  const since = new Date(now.getTime() - MESSAGE_WINDOW_DAYS * 86_400_000);
  const [deals, messages] = await Promise.all([
    scoped(ctx, Deal)
      .find(
        { status: "closed", buyer_id: { $in: ids } },
        { buyer_id: 1, property_address: 1, "property_details.type": 1, financials: 1, "timeline.closing_date": 1, updated_at: 1 },
      )
      .lean<ClosedDealRow[]>()
      .exec(),
    scoped(ctx, Communication)
      .find(
        { recipient_type: "buyer", recipient_id: { $in: ids }, created_at: { $gte: since } },
        { recipient_id: 1, direction: 1, status: 1, sent_at: 1, created_at: 1 },
      )
      .lean<MessageRow[]>()
      .exec(),
  ]);
  return buildHistories(deals, messages);
}
