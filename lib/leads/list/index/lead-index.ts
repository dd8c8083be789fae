import "server-only";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { Lead } from "@/models/lead";
import type { LeadPageSource } from "../page-source";
import { INDEX_PROJECTION, toIndexRow, type IndexRow, type IndexSourceDoc } from "./index-row";
import { appendChanges, lastLogId, loadRows, newEpoch, publishBuild, readMetaAndLog, tryLock, unlock, writeRows, type LogEntry } from "./index-store";
import { queryRows } from "./query-rows";
import { enqueueReadModelBuild } from "@/lib/core/read-models/queue";
import { nextRevision } from "@/lib/core/events/revision";

// The lead list index: every lead of a tenant as a compact row in memory, so list, filter,
// search, board, counts and deep pages are one pass over memory instead of a scan of the leads
// collection (FerretDB sorts and counts in its own process: a sorted page of 1,600 leads takes
// about 350 ms there, of 100,000 seconds). See docs/benchmarks.md and docs/read-models.md.
//
// The shared copy lives in Redis (index-store.ts), built by the worker (read-model-jobs.ts), never
// in a request. Each web process holds the rows of the tenants it serves, within a memory budget
// (least recently used tenants are evicted), and catches up through the change log on every
// request (one Redis round trip). The rows are fed only by domain events (subscriber.ts), and
// applied in revision order. A tenant without a shared copy is read from the database while the
// worker builds one: never an empty list.

export type IndexMode = "auto" | "always" | "off";

/** `off` turns the index off (MongoDB deployments, where the database's own indexes serve lists). */
export function indexMode(): IndexMode {
  const v = process.env.LEAD_LIST_INDEX;
  return v === "off" || v === "always" ? v : "auto";
}

function maxAgeMs(): number {
  const n = Number(process.env.LEAD_INDEX_MAX_AGE_MINUTES);
  return (Number.isFinite(n) && n > 0 ? n : 30) * 60_000;
}

/** The budget of one process for the rows it holds, in bytes (READ_MODEL_MEMORY_MB, 512 MB). */
export function memoryBudgetBytes(): number {
  const n = Number(process.env.READ_MODEL_MEMORY_MB);
  return (Number.isFinite(n) && n > 0 ? n : 512) * 1024 * 1024;
}

/** What one row costs in a process's heap, measured (docs/benchmarks.md): about 900 bytes. */
export const ROW_BYTES = 900;

/** Tenants not used for this long are evicted whatever the budget. */
const IDLE_MS = 30 * 60_000;

type LocalIndex = {
  tenantId: string;
  epoch: string;
  rows: Map<string, IndexRow>;
  tombstones: Map<string, number>;
  lastId: string;
  usedAt: number;
  list?: IndexRow[];
};

/** The rows as an array (iterating an array is several times faster than a Map's values). */
function rowList(local: LocalIndex): IndexRow[] {
  local.list ??= [...local.rows.values()];
  return local.list;
}

const state = ((globalThis as unknown as { __dcLeadIndex?: { locals: Map<string, LocalIndex>; loading: Map<string, Promise<LocalIndex>> } }).__dcLeadIndex ??= {
  locals: new Map(),
  loading: new Map(),
});

/** Log entries, in revision order: an older copy never overwrites a newer one or a removal. */
function apply(local: LocalIndex, entries: LogEntry[]): void {
  if (entries.length) local.list = undefined;
  for (const e of entries) {
    for (const row of e.upserts) {
      const current = local.rows.get(row._id);
      const removedAt = local.tombstones.get(row._id);
      if ((removedAt === undefined || row.rev > removedAt) && (!current || row.rev >= current.rev)) {
        local.rows.set(row._id, row);
        local.tombstones.delete(row._id);
      }
    }
    for (const r of e.removes) {
      const current = local.rows.get(r._id);
      if (current && current.rev > r.rev) continue;
      local.rows.delete(r._id);
      local.tombstones.set(r._id, Math.max(r.rev, local.tombstones.get(r._id) ?? 0));
    }
    local.lastId = e.id;
  }
}

/** Evicts idle tenants, then the least recently used ones until the rest fit the budget. */
function evict(keep: string): void {
  const now = Date.now();
  const locals = [...state.locals.values()].sort((a, b) => a.usedAt - b.usedAt);
  let bytes = locals.reduce((sum, l) => sum + l.rows.size * ROW_BYTES, 0);
  for (const l of locals) {
    if (l.tenantId === keep) continue;
    if (now - l.usedAt < IDLE_MS && bytes <= memoryBudgetBytes()) continue;
    state.locals.delete(l.tenantId);
    bytes -= l.rows.size * ROW_BYTES;
  }
}

async function load(tenantId: string, epoch: string, logFrom: string): Promise<LocalIndex> {
  const { rows, tombstones } = await loadRows(tenantId, epoch);
  const local: LocalIndex = { tenantId, epoch, rows, tombstones, lastId: logFrom, usedAt: Date.now() };
  // Replay what happened since the build started: changes made while it scanned.
  for (;;) {
    const { entries } = await readMetaAndLog(tenantId, local.lastId);
    apply(local, entries);
    if (entries.length < 10_000) break;
  }
  state.locals.set(tenantId, local);
  evict(tenantId);
  return local;
}

function compareIds(a: string, b: string): number {
  const [am, as] = a.split("-").map(Number);
  const [bm, bs] = b.split("-").map(Number);
  return am !== bm ? am - bm : as - bs;
}

/**
 * The tenant's index, caught up with every noted change, or null when none is built. Throws when
 * Redis does not answer (the caller falls back to the database).
 */
export async function currentIndex(tenantId: string): Promise<LocalIndex | null> {
  const local = state.locals.get(tenantId);
  const { meta, entries, firstId } = await readMetaAndLog(tenantId, local?.lastId ?? "0-0");
  if (!meta) {
    state.locals.delete(tenantId);
    await scheduleLeadIndexBuild({ tenantId });
    return null;
  }
  if (Date.now() - meta.builtAt > maxAgeMs()) await scheduleLeadIndexBuild({ tenantId });
  const trimmed = local && firstId && local.lastId !== "0-0" && compareIds(firstId, local.lastId) > 0;
  const reload = () => {
    let pending = state.loading.get(tenantId);
    if (!pending) {
      pending = load(tenantId, meta.epoch, meta.logFrom).finally(() => state.loading.delete(tenantId));
      state.loading.set(tenantId, pending);
    }
    return pending;
  };
  if (!local || trimmed || entries.length >= 10_000) return reload();
  apply(local, entries);
  local.usedAt = Date.now();
  // A newer build was published: this copy is still current (it applied every change since), so
  // it keeps answering while the new one loads in the background.
  if (local.epoch !== meta.epoch) void reload().catch((err: unknown) => console.error("[lead-index] reload failed", err));
  return local;
}

/** A page source reading one loaded index. */
export function indexSourceOf(local: LocalIndex): LeadPageSource {
  return {
    name: "index",
    async query(ctx, req) {
      const { items, count } = queryRows(rowList(local), req);
      return { items, total: req.withCount ? count : -1 };
    },
    async count(ctx, clauses) {
      return queryRows(rowList(local), { clauses, spec: { key: "created", dir: "desc", segments: [] }, limit: 0 }).count;
    },
  };
}

/**
 * Builds (or rebuilds) a tenant's index from the database: one scan of its leads, written to a
 * new build while the previous one keeps answering. One builder per tenant across processes.
 */
export async function buildLeadIndex(ctx: TenantContext): Promise<{ rows: number } | null> {
  const tenantId = ctx.tenantId;
  const token = await tryLock(tenantId, 3600);
  if (!token) return null;
  try {
    const logFrom = await lastLogId(tenantId);
    // Every row of the scan is as of this revision or later; changes logged meanwhile carry
    // higher ones and win when the build is loaded (see applyLeadChanges).
    const rev = await nextRevision(tenantId);
    const epoch = newEpoch();
    let batch: IndexRow[] = [];
    let rows = 0;
    const cursor = scoped(ctx, Lead).find({}, INDEX_PROJECTION).lean<IndexSourceDoc[]>().cursor({ batchSize: 2000 });
    for await (const doc of cursor) {
      batch.push(toIndexRow(doc as IndexSourceDoc, rev));
      if (batch.length >= 2000) {
        await writeRows(tenantId, epoch, batch);
        rows += batch.length;
        batch = [];
      }
    }
    await writeRows(tenantId, epoch, batch);
    rows += batch.length;
    await publishBuild(tenantId, epoch, logFrom);
    return { rows };
  } finally {
    await unlock(tenantId, token);
  }
}

/** Asks the worker to build the tenant's index (once, however many requests ask). */
export async function scheduleLeadIndexBuild(ctx: Pick<TenantContext, "tenantId">): Promise<void> {
  if (indexMode() === "off") return;
  await enqueueReadModelBuild("lead", ctx.tenantId).catch((err) => console.error("[lead-index] could not queue a build", err));
}

/**
 * Applies changed leads to the tenant's index: each id read again from the database now, ids no
 * longer there removed. Rows are ordered by the revision at which they were read, taken before
 * the read: the read that follows the last write to a lead takes a revision above every read
 * before it, and sees that write, so it wins, however the writes and reads interleaved (a
 * document's own stamp can go backwards when two writes land out of order).
 */
export async function applyLeadChanges(ctx: TenantContext, ids: string[]): Promise<void> {
  if (!ids.length || indexMode() === "off") return;
  const rev = await nextRevision(ctx.tenantId);
  const docs = await scoped(ctx, Lead).find({ _id: { $in: ids } }, INDEX_PROJECTION).lean<IndexSourceDoc[]>();
  const found = new Set(docs.map((d) => String(d._id)));
  const removes = ids.filter((id) => !found.has(id)).map((id) => ({ _id: id, rev }));
  await appendChanges(ctx.tenantId, docs.map((d) => toIndexRow(d, rev)), removes);
}

/** Forgets this process's copy (tests). */
export function forgetLocalIndex(tenantId: string): void {
  state.locals.delete(tenantId);
}
