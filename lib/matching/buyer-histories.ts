import "server-only";
// Every buyer's history with us (closed deals, replies, last contact) for ranking, docs/matching.md.
//
// Folding a tenant's histories reads all its closed deals and a year of buyer messages: seconds on
// FerretDB, which cannot push `$in` down and decodes every document in its own process. So only the
// worker does it (the `read-models` queue's `buyer-histories` job, registered in lib/processors.ts):
// it shares the folded histories through Redis (one hash per tenant: when the read started, and the
// rows as JSON with dates in milliseconds). A web process keeps the copy it loaded, looks for a
// newer one at most every few seconds once its copy is a minute old, and asks the worker for a new
// build then. History changes slowly; a copy older than STALE_MS is not used.
//
// Without a usable copy (the tenant's first match, Redis not answering, a build under way), the
// request asks for a build and reads the histories of the buyers it ranks, and only those, by
// equality on each buyer's id (readHistoriesOf): correct, slower, and never the whole tenant.
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { enqueueReadModelBuild } from "@/lib/core/read-models/queue";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { matchingIndexEnabled } from "./buyer-box-index";
import { buildHistories, type ClosedDealRow, type MessageRow } from "./history";
import type { BuyerHistory, ClosedDeal } from "./types";

export const BUYER_HISTORIES_MODEL = "buyer-histories";

/** How far back messages count for responsiveness. */
const MESSAGE_WINDOW_DAYS = 365;
/** A copy older than this is rebuilt by the worker (and served meanwhile). */
export const HISTORY_TTL_MS = 60_000;
/** A copy older than this is not served: the request reads its buyers' histories itself. */
const STALE_MS = 15 * 60_000;
/** How often a process looks in Redis for a newer copy than its own (once its own is past the TTL). */
const RECHECK_MS = 5_000;
const BIG_BATCH = 10_000;
/** Reads side by side when a request reads its buyers' histories itself. */
const PARALLEL = 16;

const DEAL_HISTORY_FIELDS = { buyer_id: 1, property_address: 1, "property_details.type": 1, financials: 1, "timeline.closing_date": 1, updated_at: 1 };
const MESSAGE_FIELDS = { recipient_id: 1, direction: 1, status: 1, sent_at: 1, created_at: 1 };

const since = (now: Date) => new Date(now.getTime() - MESSAGE_WINDOW_DAYS * 86_400_000);

/** One buyer's closed deals and messages, by equality on the buyer's id (two indexed reads). */
export async function readBuyerHistory(ctx: TenantContext, buyerId: string, now: Date): Promise<BuyerHistory | undefined> {
  const id = new Types.ObjectId(buyerId);
  const [deals, messages] = await Promise.all([
    scoped(ctx, Deal).find({ buyer_id: id, status: "closed" }, DEAL_HISTORY_FIELDS).lean<ClosedDealRow[]>().exec(),
    scoped(ctx, Communication).find({ recipient_id: id, recipient_type: "buyer", created_at: { $gte: since(now) } }, MESSAGE_FIELDS).lean<MessageRow[]>().exec(),
  ]);
  return buildHistories(deals, messages).get(buyerId);
}

/**
 * The histories of these buyers only. On MongoDB two `$in` reads served by the indexes; on
 * FerretDB (which reads the whole tenant for an `$in`) each buyer by equality, a few side by side.
 */
export async function readHistoriesOf(ctx: TenantContext, buyerIds: readonly string[], now: Date): Promise<Map<string, BuyerHistory>> {
  const ids = [...new Set(buyerIds)].filter((id) => Types.ObjectId.isValid(id));
  if (!ids.length) return new Map();
  if (!matchingIndexEnabled()) {
    const oids = ids.map((id) => new Types.ObjectId(id));
    const [deals, messages] = await Promise.all([
      scoped(ctx, Deal).find({ buyer_id: { $in: oids }, status: "closed" }, DEAL_HISTORY_FIELDS).lean<ClosedDealRow[]>().exec(),
      scoped(ctx, Communication).find({ recipient_id: { $in: oids }, recipient_type: "buyer", created_at: { $gte: since(now) } }, MESSAGE_FIELDS).lean<MessageRow[]>().exec(),
    ]);
    return buildHistories(deals, messages);
  }
  const out = new Map<string, BuyerHistory>();
  for (let i = 0; i < ids.length; i += PARALLEL) {
    const chunk = ids.slice(i, i + PARALLEL);
    const histories = await Promise.all(chunk.map((id) => readBuyerHistory(ctx, id, now)));
    chunk.forEach((id, k) => histories[k] && out.set(id, histories[k]));
  }
  return out;
}

/** Every buyer's history in one tenant: all closed deals and a year of buyer messages, two reads. */
async function readTenantHistories(ctx: TenantContext, now: Date): Promise<Map<string, BuyerHistory>> {
  const [deals, messages] = await Promise.all([
    // Large batches: FerretDB answers each getMore of 101 documents with a round of its own.
    scoped(ctx, Deal).find({ status: "closed" }, DEAL_HISTORY_FIELDS).batchSize(BIG_BATCH).lean<ClosedDealRow[]>().exec(),
    scoped(ctx, Communication).find({ recipient_type: "buyer", created_at: { $gte: since(now) } }, MESSAGE_FIELDS).batchSize(BIG_BATCH).lean<MessageRow[]>().exec(),
  ]);
  return buildHistories(deals, messages);
}

// ---- The shared copy -------------------------------------------------------------------------

const sharedKey = (tenantId: string) => `${redisKeyPrefix()}:matching:histories:v2:${tenantId}`;
type SharedHistory = Omit<BuyerHistory, "lastContactAt" | "closedDeals"> & { lastContactAt?: number | null; closedDeals: (Omit<ClosedDeal, "closedAt"> & { closedAt?: number | null })[] };
type Copy = { at: number; value: Map<string, BuyerHistory> };

function encode(value: Map<string, BuyerHistory>): string {
  const rows: [string, SharedHistory][] = [...value].map(([id, h]) => [
    id,
    {
      ...h,
      lastContactAt: h.lastContactAt ? h.lastContactAt.getTime() : (h.lastContactAt as null | undefined),
      closedDeals: h.closedDeals.map((d) => ({ ...d, closedAt: d.closedAt ? d.closedAt.getTime() : (d.closedAt as null | undefined) })),
    },
  ]);
  return JSON.stringify(rows);
}

function decode(raw: string): Map<string, BuyerHistory> {
  const value = new Map<string, BuyerHistory>();
  for (const [id, h] of JSON.parse(raw) as [string, SharedHistory][]) {
    value.set(id, {
      ...h,
      lastContactAt: h.lastContactAt == null ? (h.lastContactAt as null | undefined) : new Date(h.lastContactAt),
      closedDeals: h.closedDeals.map((d) => ({ ...d, closedAt: d.closedAt == null ? (d.closedAt as null | undefined) : new Date(d.closedAt) })),
    });
  }
  return value;
}

/**
 * The worker's job: reads the tenant's histories and shares them, stamped with when the read
 * started (a change during the read is picked up by the next build).
 */
export async function buildBuyerHistories(ctx: Pick<TenantContext, "tenantId">, now = new Date()): Promise<{ buyers: number }> {
  const at = Date.now();
  const value = await readTenantHistories(ctx as TenantContext, now);
  const key = sharedKey(ctx.tenantId);
  await getRedis().multi().hset(key, { at: String(at), rows: encode(value) }).pexpire(key, STALE_MS).exec();
  return { buyers: value.size };
}

type Held = { copy: Copy | null; checkedAt: number; checking?: Promise<Copy | null> };
const MAX_TENANTS = 50;
const held = ((globalThis as unknown as { __dcMatchHistories2?: Map<string, Held> }).__dcMatchHistories2 ??= new Map());

/** Redis's copy when it is newer than `than` (its rows read only then). */
async function newerShared(tenantId: string, than: number): Promise<Copy | null> {
  const key = sharedKey(tenantId);
  const at = Number(await getRedis().hget(key, "at"));
  if (!(at > than)) return null;
  const raw = await getRedis().hget(key, "rows");
  return raw ? { at, value: decode(raw) } : null;
}

const schedule = (tenantId: string) =>
  enqueueReadModelBuild(BUYER_HISTORIES_MODEL, tenantId).catch((err: unknown) => console.error("[matching] could not queue a buyer histories build", err));

/**
 * The tenant's shared histories, or null when there is no copy young enough to rank with (a build
 * is then asked of the worker: read the ranked buyers' histories meanwhile). Never reads the
 * database. Throws when Redis does not answer.
 */
export async function sharedHistories(tenantId: string): Promise<Map<string, BuyerHistory> | null> {
  const entry: Held = held.get(tenantId) ?? { copy: null, checkedAt: 0 };
  // Least recently used first out.
  held.delete(tenantId);
  if (held.size >= MAX_TENANTS) held.delete(held.keys().next().value!);
  held.set(tenantId, entry);
  const now = Date.now();
  const age = entry.copy ? now - entry.copy.at : Infinity;
  if (age > HISTORY_TTL_MS && (!entry.copy || now - entry.checkedAt >= RECHECK_MS)) {
    // One look per process at a time; a process without a copy waits for it, one with a copy does not.
    entry.checking ??= newerShared(tenantId, entry.copy?.at ?? 0)
      .then((newer) => {
        if (newer) entry.copy = newer;
        entry.checkedAt = Date.now();
        if (!entry.copy || Date.now() - entry.copy.at > HISTORY_TTL_MS) void schedule(tenantId);
        return entry.copy;
      })
      .finally(() => (entry.checking = undefined));
    if (!entry.copy) await entry.checking;
    else void entry.checking.catch((err: unknown) => console.error("[matching] shared buyer histories unreadable", err));
  }
  return entry.copy && Date.now() - entry.copy.at <= STALE_MS ? entry.copy.value : null;
}

/** Drops this process's copy of a tenant's histories (tests and the benchmark: the next match starts from Redis's). */
export function forgetTenantHistories(tenantId: string): void {
  held.delete(tenantId);
}

/** Drops a tenant's histories everywhere (tests, the benchmark). */
export async function dropTenantHistories(tenantId: string): Promise<void> {
  held.delete(tenantId);
  await getRedis().del(sharedKey(tenantId));
}
