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
// History (closed deals, replies, last contact) changes slowly and costs a scan of the tenant's
// closed deals and buyer messages on FerretDB (it cannot push $in down): it is read for the whole
// tenant at once, kept per process for HISTORY_TTL_MS and refreshed in the background after that
// (the page never waits for a refresh once a copy exists). One buyer's history (the buyer page) is
// read directly, by equality.
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { ANYWHERE_KEY, kindOfLocationKey } from "@/lib/buyers/locations";
import { BUYER_MATCH_FIELDS, buyerBoxOf, candidatesFromBoxes, matchingIndexEnabled, tenantBuyerBoxes, type BuyerRow } from "./buyer-box-index";
import { buildHistories, type ClosedDealRow, type MessageRow } from "./history";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import type { BuyerBox, BuyerHistory, ClosedDeal, MatchProperty } from "./types";

/** How many buyers one area query may read: far above any real disposition list's area. */
export const PLAUSIBLE_LIMIT = 5_000;
/** How many buyers are read only to be shown as misses. */
export const NEAR_MISS_LIMIT = 200;
const BIG_BATCH = 10_000;
/** How far back messages count for responsiveness. */
const MESSAGE_WINDOW_DAYS = 365;

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

const DEAL_HISTORY_FIELDS = { buyer_id: 1, property_address: 1, "property_details.type": 1, financials: 1, "timeline.closing_date": 1, updated_at: 1 };
const MESSAGE_FIELDS = { recipient_id: 1, direction: 1, status: 1, sent_at: 1, created_at: 1 };

/** One buyer's closed deals and messages, by equality on the buyer's id (two indexed reads). */
export async function readBuyerHistory(ctx: TenantContext, buyerId: string, now: Date): Promise<BuyerHistory | undefined> {
  const id = new Types.ObjectId(buyerId);
  const since = new Date(now.getTime() - MESSAGE_WINDOW_DAYS * 86_400_000);
  const [deals, messages] = await Promise.all([
    scoped(ctx, Deal).find({ buyer_id: id, status: "closed" }, DEAL_HISTORY_FIELDS).lean<ClosedDealRow[]>().exec(),
    scoped(ctx, Communication).find({ recipient_id: id, recipient_type: "buyer", created_at: { $gte: since } }, MESSAGE_FIELDS).lean<MessageRow[]>().exec(),
  ]);
  return buildHistories(deals, messages).get(buyerId);
}

/** Every buyer's history in one tenant: all closed deals and a year of buyer messages, two reads. */
async function readTenantHistories(ctx: TenantContext, now: Date): Promise<Map<string, BuyerHistory>> {
  const since = new Date(now.getTime() - MESSAGE_WINDOW_DAYS * 86_400_000);
  const [deals, messages] = await Promise.all([
    // Large batches: FerretDB answers each getMore of 101 documents with a round of its own.
    scoped(ctx, Deal).find({ status: "closed" }, DEAL_HISTORY_FIELDS).batchSize(BIG_BATCH).lean<ClosedDealRow[]>().exec(),
    scoped(ctx, Communication).find({ recipient_type: "buyer", created_at: { $gte: since } }, MESSAGE_FIELDS).batchSize(BIG_BATCH).lean<MessageRow[]>().exec(),
  ]);
  return buildHistories(deals, messages);
}

/** How long a tenant's histories are served before a refresh starts (in the background). */
export const HISTORY_TTL_MS = 60_000;
/** How old a copy shared through Redis may be for a process to start from it (then refreshed). */
const SHARED_HISTORY_MAX_AGE_MS = 15 * 60_000;

// Every read of a tenant's histories is shared through Redis (one key, the folded histories as
// JSON with dates in milliseconds), so a web process's first match of a tenant starts from the
// copy another process read (and refreshes it in the background, as it does any copy older than
// HISTORY_TTL_MS) instead of reading every closed deal and a year of buyer messages itself.
const sharedHistoryKey = (tenantId: string) => `${redisKeyPrefix()}:matching:histories:v1:${tenantId}`;
type SharedHistory = Omit<BuyerHistory, "lastContactAt" | "closedDeals"> & { lastContactAt?: number | null; closedDeals: (Omit<ClosedDeal, "closedAt"> & { closedAt?: number | null })[] };

async function readSharedHistories(tenantId: string): Promise<{ at: number; value: Map<string, BuyerHistory> } | null> {
  const raw = await getRedis().get(sharedHistoryKey(tenantId));
  if (!raw) return null;
  const { at, rows } = JSON.parse(raw) as { at: number; rows: [string, SharedHistory][] };
  if (!(Date.now() - at <= SHARED_HISTORY_MAX_AGE_MS)) return null;
  const value = new Map<string, BuyerHistory>();
  for (const [id, h] of rows) {
    value.set(id, {
      ...h,
      lastContactAt: h.lastContactAt == null ? (h.lastContactAt as null | undefined) : new Date(h.lastContactAt),
      closedDeals: h.closedDeals.map((d) => ({ ...d, closedAt: d.closedAt == null ? (d.closedAt as null | undefined) : new Date(d.closedAt) })),
    });
  }
  return { at, value };
}

async function shareHistories(tenantId: string, at: number, value: Map<string, BuyerHistory>): Promise<void> {
  const rows: [string, SharedHistory][] = [...value].map(([id, h]) => [
    id,
    {
      ...h,
      lastContactAt: h.lastContactAt ? h.lastContactAt.getTime() : (h.lastContactAt as null | undefined),
      closedDeals: h.closedDeals.map((d) => ({ ...d, closedAt: d.closedAt ? d.closedAt.getTime() : (d.closedAt as null | undefined) })),
    },
  ]);
  await getRedis().set(sharedHistoryKey(tenantId), JSON.stringify({ at, rows }), "PX", SHARED_HISTORY_MAX_AGE_MS);
}

/** Reads the tenant's histories from the database and shares them (a failed share is only logged). */
async function readAndShare(ctx: TenantContext, now: Date, at: number): Promise<Map<string, BuyerHistory>> {
  const value = await readTenantHistories(ctx, now);
  await shareHistories(ctx.tenantId, at, value).catch((err: unknown) => console.error("[matching] could not share buyer histories", err));
  return value;
}
const MAX_CACHED_TENANTS = 50;
type CachedHistories = { at: number; value: Promise<Map<string, BuyerHistory>>; refreshing?: boolean };
const historyCache = ((globalThis as unknown as { __dcMatchHistories?: Map<string, CachedHistories> }).__dcMatchHistories ??= new Map());

/**
 * The tenant's buyer histories, at most HISTORY_TTL_MS old when asked (older copies are served
 * while a fresh one is read). Only the first match of a tenant in a process waits for the read.
 */
export async function tenantHistories(ctx: TenantContext, now = new Date()): Promise<Map<string, BuyerHistory>> {
  const key = ctx.tenantId;
  const cached = historyCache.get(key);
  const load = () => {
    const entry: CachedHistories = { at: Date.now(), value: readAndShare(ctx, now, Date.now()) };
    entry.value.catch(() => historyCache.get(key) === entry && historyCache.delete(key));
    return entry;
  };
  if (!cached) {
    if (historyCache.size >= MAX_CACHED_TENANTS) historyCache.delete(historyCache.keys().next().value!);
    // Another process's copy when there is a recent one (its age counts towards the refresh).
    const entry: CachedHistories = { at: Date.now(), value: Promise.resolve(new Map()) };
    entry.value = readSharedHistories(key)
      .catch((err: unknown) => (console.error("[matching] shared buyer histories unreadable", err), null))
      .then((shared) => {
        if (!shared) return readAndShare(ctx, now, entry.at);
        entry.at = shared.at;
        return shared.value;
      });
    entry.value.catch(() => historyCache.get(key) === entry && historyCache.delete(key));
    historyCache.set(key, entry);
    return entry.value;
  }
  // Least recently used last.
  historyCache.delete(key);
  historyCache.set(key, cached);
  if (Date.now() - cached.at > HISTORY_TTL_MS && !cached.refreshing) {
    cached.refreshing = true;
    const entry = load();
    entry.value.then(
      () => historyCache.get(key) === cached && historyCache.set(key, entry),
      () => (cached.refreshing = false),
    );
  }
  return cached.value;
}

/** Drops this process's copy of a tenant's histories (tests: the next match starts from the shared one). */
export function forgetTenantHistories(tenantId: string): void {
  historyCache.delete(tenantId);
}

/** Drops a tenant's histories everywhere (tests, and after a change that should show at once). */
export async function dropTenantHistories(tenantId: string): Promise<void> {
  historyCache.delete(tenantId);
  await getRedis().del(sharedHistoryKey(tenantId));
}
