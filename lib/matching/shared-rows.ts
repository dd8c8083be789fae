import "server-only";
import { createHash, randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { enqueueReadModelBuild } from "@/lib/core/read-models/queue";
import { nextRevision } from "@/lib/core/events/revision";
import { getRedis } from "@/lib/core/redis";
import { APPLY_ROWS, APPLY_ROWS_QUIET, applyLogEntries, type BaseRow, type LogEntry, type Removal } from "@/lib/core/read-models/store";

// Matching's read models (the tenant's buyer boxes, its open properties) shared through Redis the
// way the lead list index is (lib/leads/list/index/index-store.ts and lead-index.ts; when
// lib/core/read-models offers the same, these move onto it):
//   meta          hash: epoch (current build), log_from (log id the build started at), built_at
//   rows:<epoch>  hash: row id → compact row JSON, kept current by every noted change
//   log           stream: changes in order (upserted rows, removed ids)
// The worker builds a tenant's rows (one read of the database, never inside a request); writers'
// event subscribers re-read what they changed and record it, in revision order (a row replaces
// the stored one only when its revision is not older; a removal leaves a tombstone). Each web
// process loads a tenant's rows once and then catches up through the log: one Redis round trip
// per read, no database read at all.

export type StoredRow = BaseRow;
export type { Removal };
type Meta = { epoch: string; logFrom: string; builtAt: number };

export interface LocalCopy<R> {
  tenantId: string;
  epoch: string;
  rows: Map<string, R>;
  tombstones: Map<string, number>;
  lastId: string;
  usedAt: number;
  /** Moves on with every change applied, so what is derived from the rows knows when to redo it. */
  version: number;
}

const LOG_MAX = 100_000;
const LOG_PAGE = 10_000;
const IDLE_MS = 30 * 60_000;

export interface SharedRowsOptions<R extends StoredRow> {
  /** The read model's name: the worker's builder is registered under it (lib/processors.ts). */
  name: string;
  /** Bump when rows change meaning: copies built before are left behind and rebuilt. */
  version: number;
  /** Turns a row as stored (JSON) into the row kept in memory (dates revived, things precomputed). */
  revive: (raw: R) => R;
  /** Tenants held per process (least recently used go first). */
  maxTenants: number;
  /** A build older than this is rebuilt by the worker (it keeps answering meanwhile). */
  maxAgeMs: number;
}

function compareIds(a: string, b: string): number {
  const [am, as] = a.split("-").map(Number);
  const [bm, bs] = b.split("-").map(Number);
  return am !== bm ? am - bm : as - bs;
}

export function sharedRows<R extends StoredRow>(o: SharedRowsOptions<R>) {
  // Per database as well as per tenant: one Redis serves the tests, a benchmark and the app.
  const prefix = () => {
    const conn = mongoose.connection;
    const where = `${conn.host ?? ""}:${conn.port ?? ""}/${conn.name ?? ""}`;
    return `dc:matching:${o.name}:v${o.version}:${createHash("sha1").update(where).digest("hex").slice(0, 12)}`;
  };
  const keys = (tenantId: string) => {
    const p = `${prefix()}:${tenantId}`;
    return { meta: `${p}:meta`, rows: (epoch: string) => `${p}:rows:${epoch}`, log: `${p}:log`, lock: `${p}:lock` };
  };
  const state = ((globalThis as unknown as Record<string, { locals: Map<string, LocalCopy<R>>; loading: Map<string, Promise<LocalCopy<R>>> }>)[`__dcShared_${o.name}`] ??= {
    locals: new Map(),
    loading: new Map(),
  });

  const parseMeta = (m: Record<string, string>): Meta | null => (m.epoch ? { epoch: m.epoch, logFrom: m.log_from ?? "0-0", builtAt: Number(m.built_at ?? 0) } : null);

  async function readMeta(tenantId: string): Promise<Meta | null> {
    return parseMeta(await getRedis().hgetall(keys(tenantId).meta));
  }

  function parseEntry([id, fields]: [string, string[]]): LogEntry<R> {
    const f: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
    return { id, upserts: f.upserts ? (JSON.parse(f.upserts) as R[]).map(o.revive) : [], removes: f.removes ? (JSON.parse(f.removes) as Removal[]) : [] };
  }

  /** The meta and the log after `afterId` (none when `withLog` is false), in one round trip. */
  async function readMetaAndLog(tenantId: string, afterId: string, withLog: boolean) {
    const k = keys(tenantId);
    const multi = getRedis().multi().hgetall(k.meta);
    if (withLog) multi.xrange(k.log, `(${afterId}`, "+", "COUNT", LOG_PAGE).xrange(k.log, "-", "+", "COUNT", 1);
    const res = await multi.exec();
    if (!res) throw new Error(`${o.name}: Redis transaction failed`);
    for (const [err] of res) if (err) throw err;
    const first = withLog ? (res[2][1] as [string, string[]][])[0] : undefined;
    return {
      meta: parseMeta(res[0][1] as Record<string, string>),
      entries: withLog ? (res[1][1] as [string, string[]][]).map(parseEntry) : [],
      firstId: first ? first[0] : null,
    };
  }

  function apply(local: LocalCopy<R>, entries: LogEntry<R>[]): void {
    applyLogEntries(local, entries);
    if (entries.length) local.version++;
  }

  function evict(keep: string): void {
    const now = Date.now();
    const locals = [...state.locals.values()].sort((a, b) => a.usedAt - b.usedAt);
    let held = locals.length;
    for (const l of locals) {
      if (l.tenantId === keep) continue;
      if (now - l.usedAt < IDLE_MS && held <= o.maxTenants) continue;
      state.locals.delete(l.tenantId);
      held--;
    }
  }

  async function load(tenantId: string, meta: Meta): Promise<LocalCopy<R>> {
    const rows = new Map<string, R>();
    const tombstones = new Map<string, number>();
    const redis = getRedis();
    let cursor = "0";
    do {
      const [next, flat] = await redis.hscan(keys(tenantId).rows(meta.epoch), cursor, "COUNT", 5000);
      for (let i = 0; i < flat.length; i += 2) {
        const value = JSON.parse(flat[i + 1]) as R & { x?: 1 };
        if (value.x) tombstones.set(flat[i], value.rev);
        else rows.set(flat[i], o.revive(value));
      }
      cursor = next;
    } while (cursor !== "0");
    const local: LocalCopy<R> = { tenantId, epoch: meta.epoch, rows, tombstones, lastId: meta.logFrom, usedAt: Date.now(), version: 0 };
    // Replay what happened since the build started: changes made while it read.
    for (;;) {
      const { entries } = await readMetaAndLog(tenantId, local.lastId, true);
      apply(local, entries);
      if (entries.length < LOG_PAGE) break;
    }
    state.locals.set(tenantId, local);
    evict(tenantId);
    return local;
  }

  async function schedule(tenantId: string): Promise<void> {
    await enqueueReadModelBuild(o.name, tenantId).catch((err: unknown) => console.error(`[${o.name}] could not queue a build`, err));
  }

  /**
   * The tenant's rows, caught up with every noted change; null when none are built (a build is
   * asked of the worker; the caller reads the database meanwhile). Throws when Redis does not answer.
   */
  async function current(tenantId: string): Promise<LocalCopy<R> | null> {
    const local = state.locals.get(tenantId);
    const { meta, entries, firstId } = await readMetaAndLog(tenantId, local?.lastId ?? "0-0", !!local);
    if (!meta) {
      state.locals.delete(tenantId);
      await schedule(tenantId);
      return null;
    }
    if (Date.now() - meta.builtAt > o.maxAgeMs) await schedule(tenantId);
    const trimmed = local && firstId && local.lastId !== "0-0" && compareIds(firstId, local.lastId) > 0;
    const reload = () => {
      let pending = state.loading.get(tenantId);
      if (!pending) {
        pending = load(tenantId, meta).finally(() => state.loading.delete(tenantId));
        state.loading.set(tenantId, pending);
      }
      return pending;
    };
    if (!local || trimmed || entries.length >= LOG_PAGE) return reload();
    apply(local, entries);
    local.usedAt = Date.now();
    // A newer build was published: this copy applied every change since, so it keeps answering
    // while the new one loads in the background.
    if (local.epoch !== meta.epoch) void reload().catch((err: unknown) => console.error(`[${o.name}] reload failed`, err));
    return local;
  }

  /** Whether changes are being recorded: a build is published or under way. */
  async function accepting(tenantId: string): Promise<boolean> {
    const k = keys(tenantId);
    const [meta, lock] = await Promise.all([getRedis().hexists(k.meta, "epoch"), getRedis().exists(k.lock)]);
    return meta === 1 || lock === 1;
  }

  /** Which of these row ids the current build holds (tombstones aside). */
  async function held(tenantId: string, ids: string[]): Promise<Set<string>> {
    const meta = await readMeta(tenantId);
    if (!meta || !ids.length) return new Set();
    const values = await getRedis().hmget(keys(tenantId).rows(meta.epoch), ...ids);
    return new Set(ids.filter((id, i) => values[i] !== null && !values[i]!.includes('"x":1')));
  }

  /**
   * Records changed rows and removals, in revision order. Take `rev` (nextRevision) before reading
   * what changed: the read after the last write takes a higher revision and wins.
   */
  async function append(tenantId: string, upserts: R[], removes: Removal[]): Promise<void> {
    if (!upserts.length && !removes.length) return;
    const k = keys(tenantId);
    const meta = await readMeta(tenantId);
    if (!meta) {
      // The first build is reading: it replays the log from where it started.
      if (!(await getRedis().exists(k.lock))) return;
      await getRedis().xadd(k.log, "MAXLEN", "~", LOG_MAX, "*", "upserts", JSON.stringify(upserts), "removes", JSON.stringify(removes));
      return;
    }
    const CHUNK = 500;
    for (let i = 0; i < Math.max(upserts.length, removes.length); i += CHUNK) {
      const up = upserts.slice(i, i + CHUNK);
      const rm = removes.slice(i, i + CHUNK);
      const args = [
        ...up.flatMap((r) => [r._id, String(r.rev), JSON.stringify(r)]),
        ...rm.flatMap((r) => [r._id, String(r.rev), JSON.stringify({ _id: r._id, rev: r.rev, x: 1 })]),
      ];
      await getRedis().eval(APPLY_ROWS, 2, k.rows(meta.epoch), k.log, String(LOG_MAX), String(up.length), ...args);
    }
  }

  /**
   * Builds the tenant's rows (the worker's job): `produce` reads the database and hands rows over
   * in batches, stamped with `rev`. One builder per tenant across processes; null when another runs.
   */
  async function build(tenantId: string, produce: (rev: number, emit: (rows: R[]) => Promise<void>) => Promise<void>): Promise<{ rows: number } | null> {
    const k = keys(tenantId);
    const token = randomBytes(8).toString("hex");
    if ((await getRedis().set(k.lock, token, "EX", 3600, "NX")) !== "OK") return null;
    try {
      const last = await getRedis().xrevrange(k.log, "+", "-", "COUNT", 1);
      const logFrom = last[0]?.[0] ?? "0-0";
      const rev = await nextRevision(tenantId);
      const epoch = `${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;
      let count = 0;
      await produce(rev, async (rows) => {
        if (!rows.length) return;
        await getRedis().eval(APPLY_ROWS_QUIET, 1, k.rows(epoch), ...rows.flatMap((r) => [r._id, String(r.rev), JSON.stringify(r)]));
        count += rows.length;
      });
      const previous = await readMeta(tenantId);
      const multi = getRedis().multi().hset(k.meta, { epoch, log_from: logFrom, built_at: String(Date.now()) });
      if (previous && previous.epoch !== epoch) multi.expire(k.rows(previous.epoch), 600);
      await multi.exec();
      return { rows: count };
    } finally {
      if ((await getRedis().get(k.lock)) === token) await getRedis().del(k.lock);
    }
  }

  /** Forgets a tenant's shared rows (tests, a reseed). */
  async function drop(tenantId: string): Promise<void> {
    const meta = await readMeta(tenantId);
    const k = keys(tenantId);
    await getRedis().del(k.meta, k.log, k.lock, ...(meta ? [k.rows(meta.epoch)] : []));
    state.locals.delete(tenantId);
  }

  /** Forgets this process's copies (tests, the benchmark). */
  function forgetLocal(): void {
    state.locals.clear();
  }

  return { current, accepting, held, append, build, drop, forgetLocal, schedule };
}
