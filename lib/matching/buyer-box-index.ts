import "server-only";
// Every buyer's box of a tenant, in this process's memory, by location key: on the embedded
// database, where FerretDB decodes and filters every buyer of an area in its own process (seconds
// for a metro of a 10,000-buyer list, docs/benchmarks.md "Matching"), matching reads this instead.
//
// Freshness: every change to a buyer takes the tenant's next matching stamp in Redis and records
// the changed ids under it (the inline subscriber in subscriber.ts, right after the write, in the
// writer's process). A match reads the stamp (one round trip); an unchanged stamp serves the
// copy, a few changed ids are re-read one by one by _id (the read FerretDB serves from its
// primary key), anything else (a lost Redis, a bulk import, a gap) rebuilds the copy in the
// background while matches read the database.
// MATCHING_INDEX=off (set with LEAD_LIST_INDEX=off on MongoDB deployments) reads the database.
import { Types } from "mongoose";
import { ANYWHERE_KEY, kindOfLocationKey } from "@/lib/buyers/locations";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { getRedis, redisKeyPrefix } from "@/lib/redis";
import { Buyer } from "@/models/buyer";
import type { BuyerBox, MatchProperty } from "./types";

const stampKey = (tenantId: string) => `${redisKeyPrefix()}:matching:buyers:${tenantId}`;
const changedKey = (tenantId: string) => `${redisKeyPrefix()}:matching:changed:${tenantId}`;
/** A member meaning "something changed that we cannot name": rebuild. */
const UNKNOWN = "*";
const KEEP_CHANGES = 5_000;
/** Past this many changed buyers, one rebuild beats re-reading them one by one. */
const MAX_INCREMENTAL = 100;
const MAX_TENANTS = 20;

// Like the tenant revision (lib/core/events/revision.ts): a vanished counter starts again from the
// clock, above every stamp handed out before, so a stale copy can never carry the current stamp.
const NOTE_CHANGE = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
local s = redis.call('INCR', KEYS[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[2], s, ARGV[i]) end
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -${KEEP_CHANGES + 1})
return s
`;

export function matchingIndexEnabled(): boolean {
  const v = process.env.MATCHING_INDEX;
  if (v === "on" || v === "off") return v === "on";
  return process.env.LEAD_LIST_INDEX !== "off";
}

/** Called for every change to a tenant's buyers (ids empty when the change cannot name them). */
export async function noteBuyersChanged(tenantId: string, ids: string[]): Promise<void> {
  await getRedis().eval(NOTE_CHANGE, 2, stampKey(tenantId), changedKey(tenantId), String(Date.now() * 1000), ...(ids.length ? ids : [UNKNOWN]));
}

type BuyerRow = Omit<BuyerBox, "id"> & { _id: Types.ObjectId; tenant_id?: unknown };

interface TenantBoxes {
  stamp: string | null;
  byId: Map<string, BuyerBox>;
  byKey: Map<string, BuyerBox[]>;
}

const cache = ((globalThis as unknown as { __dcBuyerBoxes?: Map<string, TenantBoxes> }).__dcBuyerBoxes ??= new Map());
const inflight = new Map<string, Promise<TenantBoxes | null>>();

function indexed(stamp: string | null, byId: Map<string, BuyerBox>): TenantBoxes {
  const byKey = new Map<string, BuyerBox[]>();
  for (const b of byId.values()) {
    for (const key of b.preferred_locations ?? []) {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(b);
    }
  }
  return { stamp, byId, byKey };
}

function boxOf(row: BuyerRow): BuyerBox {
  const { _id, tenant_id: _t, ...rest } = row;
  return { ...rest, id: String(_id) };
}

async function rebuild(ctx: TenantContext, fields: Record<string, 1>, stamp: string | null): Promise<TenantBoxes> {
  // Large batches: FerretDB answers each getMore of 101 documents with a round of its own.
  const rows = await scoped(ctx, Buyer).find({}, fields).batchSize(10_000).lean<BuyerRow[]>().exec();
  return indexed(stamp, new Map(rows.map((r) => [String(r._id), boxOf(r)])));
}

/** Re-reads the changed buyers by _id alone (FerretDB's primary key); the tenant is checked here. */
async function applyChanges(ctx: TenantContext, fields: Record<string, 1>, base: TenantBoxes, ids: string[], stamp: string): Promise<TenantBoxes> {
  const byId = new Map(base.byId);
  const tenant = ctx.tenantId;
  const rows = await Promise.all(
    ids.map((id) => Buyer.findOne({ _id: new Types.ObjectId(id) }, { ...fields, tenant_id: 1 }).setOptions({ allTenants: true }).lean<BuyerRow>().exec()),
  );
  ids.forEach((id, i) => {
    const row = rows[i];
    if (row && String(row.tenant_id) === tenant) byId.set(id, boxOf(row));
    else byId.delete(id);
  });
  return indexed(stamp, byId);
}

const rebuilding = new Map<string, Promise<void>>();

function store(tenant: string, boxes: TenantBoxes): void {
  cache.delete(tenant);
  if (cache.size >= MAX_TENANTS) cache.delete(cache.keys().next().value!);
  cache.set(tenant, boxes);
}

/** Rebuilds a tenant's copy in the background, once at a time; until then matching reads the database. */
function rebuildInBackground(ctx: TenantContext, fields: Record<string, 1>, stamp: string | null): void {
  const tenant = ctx.tenantId;
  if (rebuilding.has(tenant)) return;
  const job = rebuild(ctx, fields, stamp)
    .then((boxes) => store(tenant, boxes))
    .catch((err: unknown) => console.error("[matching] buyer boxes rebuild failed", err))
    .finally(() => rebuilding.delete(tenant));
  rebuilding.set(tenant, job);
}

async function refresh(ctx: TenantContext, fields: Record<string, 1>): Promise<TenantBoxes | null> {
  const tenant = ctx.tenantId;
  const redis = getRedis();
  const stamp = await redis.get(stampKey(tenant));
  const held = cache.get(tenant);
  if (held && held.stamp === stamp) return held;
  if (held && held.stamp !== null && stamp !== null && Number(stamp) > Number(held.stamp)) {
    const [changed, oldest, count] = await Promise.all([
      redis.zrangebyscore(changedKey(tenant), `(${held.stamp}`, stamp),
      redis.zrange(changedKey(tenant), "0", "0", "WITHSCORES"),
      redis.zcard(changedKey(tenant)),
    ]);
    // Every change since our copy must still be listed: none lost with Redis (the oldest listed
    // follows ours at once or came before it) and none trimmed (the list keeps KEEP_CHANGES).
    const first = oldest.length === 2 ? Number(oldest[1]) : Infinity;
    const continuous = first <= Number(held.stamp) + 1 && (count < KEEP_CHANGES || first <= Number(held.stamp));
    const ids = [...new Set(changed)];
    if (continuous && ids.length > 0 && ids.length <= MAX_INCREMENTAL && !ids.includes(UNKNOWN) && ids.every((id) => Types.ObjectId.isValid(id))) {
      const next = await applyChanges(ctx, fields, held, ids, stamp);
      store(tenant, next);
      return next;
    }
  }
  // No copy, or too much changed: reading every buyer takes seconds on FerretDB, so this match
  // reads the database and the copy is rebuilt meanwhile.
  rebuildInBackground(ctx, fields, stamp);
  return null;
}

/** The tenant's buyer boxes, current as of the last change announced; null while a copy is being (re)built. */
export async function tenantBuyerBoxes(ctx: TenantContext, fields: Record<string, 1>): Promise<TenantBoxes | null> {
  const tenant = ctx.tenantId;
  let p = inflight.get(tenant);
  if (!p) {
    p = refresh(ctx, fields).finally(() => inflight.delete(tenant));
    inflight.set(tenant, p);
  }
  return p;
}

/** Waits for background rebuilds (tests and the benchmark). */
export async function settleBuyerBoxes(): Promise<void> {
  await Promise.all(rebuilding.values());
}

/**
 * The same candidates as the database queries of find-candidates.ts: active buyers of every key
 * of the property (and of "any"), and every buyer of its ZIP, city and county keys (near misses).
 */
export function candidatesFromBoxes(boxes: TenantBoxes, property: MatchProperty): BuyerBox[] {
  const seen = new Set<string>();
  const out: BuyerBox[] = [];
  for (const key of [...property.locationKeys, ANYWHERE_KEY]) {
    const kind = kindOfLocationKey(key);
    const nearMisses = kind === "zip" || kind === "city" || kind === "county";
    for (const b of boxes.byKey.get(key) ?? []) {
      if (seen.has(b.id) || (!nearMisses && b.is_active === false)) continue;
      seen.add(b.id);
      out.push(b);
    }
  }
  return out;
}

/** Forgets every copy (tests). */
export function forgetBuyerBoxes(): void {
  cache.clear();
}
