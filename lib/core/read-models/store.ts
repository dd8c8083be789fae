import "server-only";
import { createHash, randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { getRedis } from "@/lib/core/redis";

// A read model's shared copy lives in Redis, per resource and tenant:
//   meta          hash: epoch (current build), log_from (log id the build started at), built_at
//   rows:<epoch>  hash: document id → row JSON, kept current by every noted change
//   log           stream: changes in order (upserted rows, removed ids), so each web process
//                 catches up incrementally instead of reloading
// Keys carry the resource and the tenant id, so one tenant's rows can never answer for another.

/** What every row of every read model carries: the document's id and the revision it was read at. */
export type BaseRow = { _id: string; rev: number };

/** A removed document and the revision of the change that found it gone. */
export type Removal = { _id: string; rev: number };

/** A removal as the rows hash keeps it: a tombstone, so an older copy read before cannot return. */
export type Tombstone = Removal & { x: 1 };

export type StoreMeta = { epoch: string; logFrom: string; builtAt: number };

export type LogEntry<Row extends BaseRow> = { id: string; upserts: Row[]; removes: Removal[] };

const LOG_MAX = 100_000;

// Applies changes to the rows hash in revision order, atomically, and logs those that applied:
// a row replaces the stored one only when its revision is not older, a removal leaves a
// tombstone that older copies cannot overwrite. Values are passed and stored as the JSON the app
// wrote (Lua's cjson would round revisions to 14 digits if it encoded them).
// ARGV: log max, upsert count, then (id, rev, json) per upsert, then (id, rev, json) per removal.
export const APPLY_ROWS = `
local rows, log = KEYS[1], KEYS[2]
local nup = tonumber(ARGV[2])
local ups, rms = {}, {}
local i = 3
local function stored(id)
  local cur = redis.call('HGET', rows, id)
  if not cur then return nil end
  return cjson.decode(cur)
end
for n = 1, (#ARGV - 2) / 3 do
  local id, rev, json = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local cur = stored(id)
  if cur == nil or (cur.x and rev > cur.rev) or ((not cur.x) and rev >= (cur.rev or 0)) then
    redis.call('HSET', rows, id, json)
    if n <= nup then table.insert(ups, json) else table.insert(rms, json) end
  end
  i = i + 3
end
if #ups > 0 or #rms > 0 then
  redis.call('XADD', log, 'MAXLEN', '~', ARGV[1], '*', 'upserts', '[' .. table.concat(ups, ',') .. ']', 'removes', '[' .. table.concat(rms, ',') .. ']')
end
return #ups + #rms
`;

// A build's scan may read a row older than a change already applied to this epoch by a writer
// meanwhile: the same revision order applies, without logging.
export const APPLY_ROWS_QUIET = `
local rows = KEYS[1]
for i = 1, #ARGV, 3 do
  local id, rev, json = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local cur = redis.call('HGET', rows, id)
  local keep = false
  if cur then
    local c = cjson.decode(cur)
    keep = (c.x and c.rev >= rev) or ((not c.x) and (c.rev or 0) > rev)
  end
  if not keep then redis.call('HSET', rows, id, json) end
end
return 0
`;

/** Rows held in a process's memory, with the tombstones of removed documents and the last log entry applied. */
export type HeldRows<Row extends BaseRow> = { rows: Map<string, Row>; tombstones: Map<string, number>; lastId: string };

/**
 * Applies log entries to rows held in memory in the same revision order APPLY_ROWS keeps in Redis.
 * `changed` (optional) hears every row replaced, added or removed, so structures kept beside the
 * rows (a search index) follow them.
 */
export function applyLogEntries<Row extends BaseRow>(held: HeldRows<Row>, entries: LogEntry<Row>[], changed?: (before: Row | undefined, after: Row | undefined) => void): void {
  for (const e of entries) {
    for (const row of e.upserts) {
      const current = held.rows.get(row._id);
      const removedAt = held.tombstones.get(row._id);
      if ((removedAt === undefined || row.rev > removedAt) && (!current || row.rev >= current.rev)) {
        held.rows.set(row._id, row);
        held.tombstones.delete(row._id);
        changed?.(current, row);
      }
    }
    for (const r of e.removes) {
      const current = held.rows.get(r._id);
      if (current && current.rev > r.rev) continue;
      held.rows.delete(r._id);
      if (current) changed?.(current, undefined);
      held.tombstones.set(r._id, Math.max(r.rev, held.tombstones.get(r._id) ?? 0));
    }
    held.lastId = e.id;
  }
}

export function newEpoch(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;
}

/** Orders two stream ids ("ms-seq"): negative when `a` is older. */
export function compareLogIds(a: string, b: string): number {
  const [am, as] = a.split("-").map(Number);
  const [bm, bs] = b.split("-").map(Number);
  return am !== bm ? am - bm : as - bs;
}

/**
 * The Redis side of one read model. `name` and `version` make its keys (`dc:<name>-index:v<version>`):
 * bump the version when rows change meaning, so copies built before are left behind and rebuilt
 * instead of answering from stale rows. `shapeRow` turns parsed JSON back into a row.
 */
export function createStore<Row extends BaseRow>(name: string, version: number, shapeRow: (row: Row) => Row) {
  /**
   * Keys are per database as well as per tenant: one Redis often serves several databases (tests,
   * the browser tests, a benchmark), and the demo tenants' ids are the same in each.
   */
  function prefix(): string {
    const conn = mongoose.connection;
    const where = `${conn.host ?? ""}:${conn.port ?? ""}/${conn.name ?? ""}`;
    return `dc:${name}-index:v${version}:${createHash("sha1").update(where).digest("hex").slice(0, 12)}`;
  }

  const keys = (tenantId: string) => {
    const p = `${prefix()}:${tenantId}`;
    return { meta: `${p}:meta`, rows: (epoch: string) => `${p}:rows:${epoch}`, log: `${p}:log`, lock: `${p}:lock` };
  };

  const metaOf = (m: Record<string, string>): StoreMeta | null =>
    m.epoch ? { epoch: m.epoch, logFrom: m.log_from ?? "0-0", builtAt: Number(m.built_at ?? 0) } : null;

  function parseEntry([id, fields]: [string, string[]]): LogEntry<Row> {
    const f: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
    return { id, upserts: f.upserts ? (JSON.parse(f.upserts) as Row[]).map(shapeRow) : [], removes: f.removes ? (JSON.parse(f.removes) as Removal[]) : [] };
  }

  async function readMeta(tenantId: string): Promise<StoreMeta | null> {
    return metaOf(await getRedis().hgetall(keys(tenantId).meta));
  }

  return {
    keys,
    readMeta,

    /** The meta and the log entries after `afterId`, in one round trip. */
    async readMetaAndLog(tenantId: string, afterId: string): Promise<{ meta: StoreMeta | null; entries: LogEntry<Row>[]; firstId: string | null }> {
      const k = keys(tenantId);
      const res = await getRedis()
        .multi()
        .hgetall(k.meta)
        .xrange(k.log, `(${afterId}`, "+", "COUNT", 10_000)
        .xrange(k.log, "-", "+", "COUNT", 1)
        .exec();
      if (!res) throw new Error(`${name} read model: Redis transaction failed`);
      const [[e1, m], [e2, raw], [e3, first]] = res as [Error | null, unknown][];
      if (e1 || e2 || e3) throw e1 ?? e2 ?? e3;
      const firstEntry = (first as [string, string[]][])[0];
      return { meta: metaOf(m as Record<string, string>), entries: (raw as [string, string[]][]).map(parseEntry), firstId: firstEntry ? firstEntry[0] : null };
    },

    /** The newest log id ("0-0" when the log is empty). */
    async lastLogId(tenantId: string): Promise<string> {
      const last = await getRedis().xrevrange(keys(tenantId).log, "+", "-", "COUNT", 1);
      return last[0]?.[0] ?? "0-0";
    },

    async loadRows(tenantId: string, epoch: string): Promise<{ rows: Map<string, Row>; tombstones: Map<string, number> }> {
      const rows = new Map<string, Row>();
      const tombstones = new Map<string, number>();
      const redis = getRedis();
      let cursor = "0";
      do {
        const [next, flat] = await redis.hscan(keys(tenantId).rows(epoch), cursor, "COUNT", 5000);
        for (let i = 0; i < flat.length; i += 2) {
          const value = JSON.parse(flat[i + 1]) as Row | Tombstone;
          if ("x" in value) tombstones.set(flat[i], value.rev);
          else rows.set(flat[i], shapeRow(value));
        }
        cursor = next;
      } while (cursor !== "0");
      return { rows, tombstones };
    },

    /**
     * Records changes into the current build's rows and onto the log, in revision order (see
     * APPLY_ROWS). No-op (false) when nothing is built.
     */
    async appendChanges(tenantId: string, upserts: Row[], removes: Removal[]): Promise<boolean> {
      const k = keys(tenantId);
      const meta = await readMeta(tenantId);
      if (!meta) {
        // The first build is scanning: it replays the log from where it started, so a change to a
        // document it has already read is not lost.
        if (!(await getRedis().exists(k.lock))) return false;
        await getRedis().xadd(k.log, "MAXLEN", "~", LOG_MAX, "*", "upserts", JSON.stringify(upserts), "removes", JSON.stringify(removes));
        return true;
      }
      const CHUNK = 500;
      for (let i = 0; i < Math.max(upserts.length, removes.length); i += CHUNK) {
        const up = upserts.slice(i, i + CHUNK);
        const rm = removes.slice(i, i + CHUNK);
        const args = [
          ...up.flatMap((r) => [r._id, String(r.rev), JSON.stringify(r)]),
          ...rm.flatMap((r) => [r._id, String(r.rev), JSON.stringify({ _id: r._id, rev: r.rev, x: 1 } satisfies Tombstone)]),
        ];
        await getRedis().eval(APPLY_ROWS, 2, k.rows(meta.epoch), k.log, String(LOG_MAX), String(up.length), ...args);
      }
      return true;
    },

    /** Writes a complete build's rows (in chunks, as the scan goes). */
    async writeRows(tenantId: string, epoch: string, rows: Row[]): Promise<void> {
      if (!rows.length) return;
      const args = rows.flatMap((r) => [r._id, String(r.rev), JSON.stringify(r)]);
      await getRedis().eval(APPLY_ROWS_QUIET, 1, keys(tenantId).rows(epoch), ...args);
    },

    /** Makes a finished build current; the previous build's rows expire after readers moved on. */
    async publishBuild(tenantId: string, epoch: string, logFrom: string): Promise<void> {
      const k = keys(tenantId);
      const previous = await readMeta(tenantId);
      const multi = getRedis().multi().hset(k.meta, { epoch, log_from: logFrom, built_at: String(Date.now()) });
      if (previous && previous.epoch !== epoch) multi.expire(k.rows(previous.epoch), 600);
      await multi.exec();
    },

    /** One builder per tenant at a time, across processes. */
    async tryLock(tenantId: string, seconds: number): Promise<string | null> {
      const token = randomBytes(8).toString("hex");
      const ok = await getRedis().set(keys(tenantId).lock, token, "EX", seconds, "NX");
      return ok === "OK" ? token : null;
    },

    async unlock(tenantId: string, token: string): Promise<void> {
      const k = keys(tenantId).lock;
      if ((await getRedis().get(k)) === token) await getRedis().del(k);
    },

    /** Forgets a tenant's shared copy entirely (tests, a reseed, and when the feature is switched off). */
    async drop(tenantId: string): Promise<void> {
      const meta = await readMeta(tenantId);
      const k = keys(tenantId);
      await getRedis().del(k.meta, k.log, k.lock, ...(meta ? [k.rows(meta.epoch)] : []));
    },
  };
}

export type ReadModelStore<Row extends BaseRow> = ReturnType<typeof createStore<Row>>;
