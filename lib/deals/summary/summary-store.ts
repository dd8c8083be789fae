import "server-only";
import { createHash, randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { getRedis } from "@/lib/core/redis";

// The deal summary's shared copy, in Redis, per tenant (keys carry the database and the tenant,
// so one tenant's summary never answers for another):
//   meta                 hash: epoch (current build), building (the build being written),
//                        built_at, horizon (messages older than this were not read)
//   changes:<epoch>      list: "part:id" of every value changed in the build since it started, so a
//                        process catches up by reading only those (its length tells, in the
//                        round trip that reads the meta, whether its copy is current)
//   deals:<epoch>        hash: deal id → fact JSON (deal-facts.ts), or a tombstone {rev, x: 1}
//   contacts:<epoch>     hash: message id → {rev, b, at}, or a tombstone
//   buyers:<epoch>       hash: buyer id → {rev, n} (the name a deal row shows), or a tombstone
// Every value carries the revision at which it was read; a value replaces the stored one only when
// its revision is not older, so a late copy never overwrites a newer one or a removal.

function prefix(): string {
  const conn = mongoose.connection;
  const where = `${conn.host ?? ""}:${conn.port ?? ""}/${conn.name ?? ""}`;
  // Bump the version when facts change meaning: summaries built before are then left behind.
  return `dc:deal-summary:v1:${createHash("sha1").update(where).digest("hex").slice(0, 12)}`;
}

export const summaryKeys = (tenantId: string) => {
  const p = `${prefix()}:${tenantId}`;
  return { meta: `${p}:meta`, lock: `${p}:lock`, base: { deals: `${p}:deals:`, contacts: `${p}:contacts:`, buyers: `${p}:buyers:` }, changes: `${p}:changes:` };
};

export type Part = "deals" | "contacts" | "buyers";
/** `v`: how many changes the current build has noted (the length of its changes list). */
export type SummaryMeta = { epoch: string; builtAt: number; horizon: number; v: number };
export type Stamped = { id: string; rev: number; json: string };

const READ_META = `
local m = redis.call('HMGET', KEYS[1], 'epoch', 'built_at', 'horizon')
if not m[1] then return {} end
return {m[1], m[2] or '0', m[3] or '0', redis.call('LLEN', ARGV[1] .. m[1])}
`;

export async function readSummaryMeta(tenantId: string): Promise<SummaryMeta | null> {
  const k = summaryKeys(tenantId);
  const r = (await getRedis().eval(READ_META, 1, k.meta, k.changes)) as [string, string, string, number] | [];
  return r.length ? { epoch: r[0], builtAt: Number(r[1]), horizon: Number(r[2]), v: Number(r[3]) } : null;
}

/** The "part:id" of changes [from, to) of a build. */
export async function readChanges(tenantId: string, epoch: string, from: number, to: number): Promise<{ part: Part; id: string }[]> {
  const raw = await getRedis().lrange(summaryKeys(tenantId).changes + epoch, from, to - 1);
  return raw.map((r) => {
    const at = r.indexOf(":");
    return { part: r.slice(0, at) as Part, id: r.slice(at + 1) };
  });
}

/** The current values (null when absent) of some ids of one part. */
export async function readValues(tenantId: string, epoch: string, part: Part, ids: string[]): Promise<(string | null)[]> {
  return ids.length ? getRedis().hmget(summaryKeys(tenantId).base[part] + epoch, ...ids) : [];
}

/** Every (id, value) of one part of a build (tombstones included: the caller skips them). */
export async function readPart(tenantId: string, epoch: string, part: Part): Promise<[string, string][]> {
  const all = await getRedis().hgetall(summaryKeys(tenantId).base[part] + epoch);
  return Object.entries(all);
}

// KEYS[1]: meta. ARGV: the part's key base, the changes lists' base, the part's name, then
// (id, rev, json) triples. Applies each value, in revision order, to the current build and to the
// one being written (so a change made while a build scans is not lost), reading both from meta
// here, atomically, and notes each change in that build's changes list.
const APPLY = `
local meta, base, changes, part = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local epochs = redis.call('HMGET', meta, 'epoch', 'building')
for e = 1, 2 do
  local epoch = epochs[e]
  if epoch then
    local key = base .. epoch
    for i = 4, #ARGV, 3 do
      local id, rev, json = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
      local cur = redis.call('HGET', key, id)
      if ((not cur) or rev >= (cjson.decode(cur).rev or 0)) and cur ~= json then
        redis.call('HSET', key, id, json)
        redis.call('RPUSH', changes .. epoch, part .. ':' .. id)
      end
    end
  end
end
return 0
`;

/** Records values read after a change (no-op for a tenant with no summary built or building). */
export async function applyValues(tenantId: string, part: Part, values: Stamped[]): Promise<void> {
  const k = summaryKeys(tenantId);
  for (let i = 0; i < values.length; i += 500) {
    const args = values.slice(i, i + 500).flatMap((v) => [v.id, String(v.rev), v.json]);
    await getRedis().eval(APPLY, 1, k.meta, k.base[part], k.changes, part, ...args);
  }
}

// A build's scan may read a value older than a change applied to the build meanwhile: kept.
const WRITE_QUIET = `
local key = KEYS[1]
for i = 1, #ARGV, 3 do
  local id, rev, json = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local cur = redis.call('HGET', key, id)
  if (not cur) or rev > (cjson.decode(cur).rev or 0) then redis.call('HSET', key, id, json) end
end
redis.call('EXPIRE', key, 7200)
return 0
`;

export async function writeBuildValues(tenantId: string, epoch: string, part: Part, values: Stamped[]): Promise<void> {
  const key = summaryKeys(tenantId).base[part] + epoch;
  for (let i = 0; i < values.length; i += 1000) {
    const args = values.slice(i, i + 1000).flatMap((v) => [v.id, String(v.rev), v.json]);
    await getRedis().eval(WRITE_QUIET, 1, key, ...args);
  }
}

/** Starts a build: changes from now on are applied to it as well (its keys expire if it never finishes). */
export async function beginBuild(tenantId: string): Promise<string> {
  const k = summaryKeys(tenantId);
  const epoch = `${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;
  await getRedis().hset(k.meta, "building", epoch);
  return epoch;
}

/** Makes a finished build current; the previous one's keys expire. */
export async function publishBuild(tenantId: string, epoch: string, horizon: number): Promise<void> {
  const k = summaryKeys(tenantId);
  const previous = await readSummaryMeta(tenantId);
  const multi = getRedis()
    .multi()
    .persist(k.base.deals + epoch)
    .persist(k.base.contacts + epoch)
    .persist(k.base.buyers + epoch)
    .persist(k.changes + epoch)
    .hset(k.meta, { epoch, built_at: String(Date.now()), horizon: String(horizon) })
    .hdel(k.meta, "building");
  if (previous && previous.epoch !== epoch) multi.expire(k.base.deals + previous.epoch, 600).expire(k.base.contacts + previous.epoch, 600).expire(k.base.buyers + previous.epoch, 600).expire(k.changes + previous.epoch, 600);
  await multi.exec();
}

/** One builder per tenant at a time, across processes. */
export async function tryLock(tenantId: string, seconds: number): Promise<string | null> {
  const token = randomBytes(8).toString("hex");
  const ok = await getRedis().set(summaryKeys(tenantId).lock, token, "EX", seconds, "NX");
  return ok === "OK" ? token : null;
}

export async function unlock(tenantId: string, token: string): Promise<void> {
  const k = summaryKeys(tenantId).lock;
  if ((await getRedis().get(k)) === token) await getRedis().del(k);
}

/** Forgets a tenant's summary entirely (tests, and after a reseed). */
export async function dropSummary(tenantId: string): Promise<void> {
  const k = summaryKeys(tenantId);
  const [epoch, building] = await getRedis().hmget(k.meta, "epoch", "building");
  const extra = [epoch, building].filter((e): e is string => !!e).flatMap((e) => [k.base.deals + e, k.base.contacts + e, k.base.buyers + e, k.changes + e]);
  await getRedis().del(k.meta, k.lock, ...extra);
}
