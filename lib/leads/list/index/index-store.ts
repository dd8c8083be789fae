import "server-only";
import { createHash, randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { getRedis } from "@/lib/redis";
import { shapeRow, type IndexRow } from "./index-row";

// The list index's shared copy lives in Redis, per tenant:
//   meta          hash: epoch (current build), log_from (log id the build started at), built_at
//   rows:<epoch>  hash: lead id → row JSON, kept current by every noted change
//   log           stream: changes in order (upserted rows, removed ids), so each web process
//                 catches up incrementally instead of reloading
// Keys carry the tenant id, so one tenant's index can never answer for another.

const LOG_MAX = 100_000;

/**
 * Keys are per database as well as per tenant: one Redis often serves several databases (tests,
 * the browser tests, a benchmark), and the demo tenants' ids are the same in each.
 */
function prefix(): string {
  const conn = mongoose.connection;
  const where = `${conn.host ?? ""}:${conn.port ?? ""}/${conn.name ?? ""}`;
  // The format version: bump it when rows change meaning (v2: search keys of name parts), so
  // indexes built before are left behind and rebuilt instead of answering from stale rows.
  return `dc:lead-index:v2:${createHash("sha1").update(where).digest("hex").slice(0, 12)}`;
}

export const keys = (tenantId: string) => {
  const p = `${prefix()}:${tenantId}`;
  return { meta: `${p}:meta`, rows: (epoch: string) => `${p}:rows:${epoch}`, log: `${p}:log`, lock: `${p}:lock` };
};

export type IndexMeta = { epoch: string; logFrom: string; builtAt: number };

export type LogEntry = { id: string; upserts: IndexRow[]; removes: string[] };

export async function readMeta(tenantId: string): Promise<IndexMeta | null> {
  const m = await getRedis().hgetall(keys(tenantId).meta);
  if (!m.epoch) return null;
  return { epoch: m.epoch, logFrom: m.log_from ?? "0-0", builtAt: Number(m.built_at ?? 0) };
}

/** The meta and the log entries after `afterId`, in one round trip. */
export async function readMetaAndLog(tenantId: string, afterId: string): Promise<{ meta: IndexMeta | null; entries: LogEntry[]; firstId: string | null }> {
  const k = keys(tenantId);
  const res = await getRedis()
    .multi()
    .hgetall(k.meta)
    .xrange(k.log, `(${afterId}`, "+", "COUNT", 10_000)
    .xrange(k.log, "-", "+", "COUNT", 1)
    .exec();
  if (!res) throw new Error("lead index: Redis transaction failed");
  const [[e1, m], [e2, raw], [e3, first]] = res as [Error | null, unknown][];
  if (e1 || e2 || e3) throw e1 ?? e2 ?? e3;
  const meta = m as Record<string, string>;
  const firstEntry = (first as [string, string[]][])[0];
  return {
    meta: meta.epoch ? { epoch: meta.epoch, logFrom: meta.log_from ?? "0-0", builtAt: Number(meta.built_at ?? 0) } : null,
    entries: (raw as [string, string[]][]).map(parseEntry),
    firstId: firstEntry ? firstEntry[0] : null,
  };
}

function parseEntry([id, fields]: [string, string[]]): LogEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  return { id, upserts: f.upserts ? (JSON.parse(f.upserts) as IndexRow[]).map(shapeRow) : [], removes: f.removes ? (JSON.parse(f.removes) as string[]) : [] };
}

/** The newest log id ("0-0" when the log is empty). */
export async function lastLogId(tenantId: string): Promise<string> {
  const last = await getRedis().xrevrange(keys(tenantId).log, "+", "-", "COUNT", 1);
  return last[0]?.[0] ?? "0-0";
}

export async function loadRows(tenantId: string, epoch: string): Promise<Map<string, IndexRow>> {
  const rows = new Map<string, IndexRow>();
  const redis = getRedis();
  let cursor = "0";
  do {
    const [next, flat] = await redis.hscan(keys(tenantId).rows(epoch), cursor, "COUNT", 5000);
    for (let i = 0; i < flat.length; i += 2) rows.set(flat[i], shapeRow(JSON.parse(flat[i + 1]) as IndexRow));
    cursor = next;
  } while (cursor !== "0");
  return rows;
}

/** Records changes: into the current build's rows and onto the log. No-op when nothing is built. */
export async function appendChanges(tenantId: string, upserts: IndexRow[], removes: string[]): Promise<boolean> {
  const meta = await readMeta(tenantId);
  if (!meta) return false;
  const k = keys(tenantId);
  const CHUNK = 500;
  const pipeline = getRedis().pipeline();
  for (let i = 0; i < Math.max(upserts.length, removes.length); i += CHUNK) {
    const up = upserts.slice(i, i + CHUNK);
    const rm = removes.slice(i, i + CHUNK);
    if (up.length) pipeline.hset(k.rows(meta.epoch), ...up.flatMap((r) => [r._id, JSON.stringify(r)]));
    if (rm.length) pipeline.hdel(k.rows(meta.epoch), ...rm);
    pipeline.xadd(k.log, "MAXLEN", "~", LOG_MAX, "*", "upserts", JSON.stringify(up), "removes", JSON.stringify(rm));
  }
  await pipeline.exec();
  return true;
}

export function newEpoch(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;
}

/** Writes a complete build's rows (in chunks, as the scan goes). */
export async function writeRows(tenantId: string, epoch: string, rows: IndexRow[]): Promise<void> {
  if (!rows.length) return;
  await getRedis().hset(keys(tenantId).rows(epoch), ...rows.flatMap((r) => [r._id, JSON.stringify(r)]));
}

/** Makes a finished build current; the previous build's rows expire after readers moved on. */
export async function publishBuild(tenantId: string, epoch: string, logFrom: string): Promise<void> {
  const k = keys(tenantId);
  const previous = await readMeta(tenantId);
  const multi = getRedis().multi().hset(k.meta, { epoch, log_from: logFrom, built_at: String(Date.now()) });
  if (previous && previous.epoch !== epoch) multi.expire(k.rows(previous.epoch), 600);
  await multi.exec();
}

/** One builder per tenant at a time, across processes. */
export async function tryLock(tenantId: string, seconds: number): Promise<string | null> {
  const token = randomBytes(8).toString("hex");
  const ok = await getRedis().set(keys(tenantId).lock, token, "EX", seconds, "NX");
  return ok === "OK" ? token : null;
}

export async function unlock(tenantId: string, token: string): Promise<void> {
  const k = keys(tenantId).lock;
  if ((await getRedis().get(k)) === token) await getRedis().del(k);
}

/** Forgets a tenant's index entirely (tests, and when the feature is switched off). */
export async function dropIndex(tenantId: string): Promise<void> {
  const meta = await readMeta(tenantId);
  const k = keys(tenantId);
  await getRedis().del(k.meta, k.log, k.lock, ...(meta ? [k.rows(meta.epoch)] : []));
}
