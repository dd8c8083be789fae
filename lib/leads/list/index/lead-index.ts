import "server-only";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { Lead } from "@/models/lead";
import type { LeadPageSource } from "../page-source";
import { INDEX_PROJECTION, toIndexRow, type IndexRow, type IndexSourceDoc } from "./index-row";
import { appendChanges, lastLogId, loadRows, newEpoch, publishBuild, readMetaAndLog, tryLock, unlock, writeRows, type LogEntry } from "./index-store";
import { queryRows } from "./query-rows";

// The lead list index: every lead of a big tenant as a compact row in memory, so list, filter,
// search and deep pages are one pass over memory instead of a scan of the leads collection
// (FerretDB 1.24 on SQLite pushes down no filter but `{ _id }` and sorts in its own process:
// a sorted page of 100,000 leads takes over a minute there). See docs/benchmarks.md.
//
// The shared copy lives in Redis (index-store.ts); each web process holds the rows in memory and
// catches up through the change log on every request (one Redis round trip). Every writer (form
// create and edits, board, bulk, delete, merge, import) calls noteLeadsChanged / noteLeadsRemoved;
// a rebuild every LEAD_INDEX_MAX_AGE_MINUTES catches a write made outside the app. Small tenants
// are not indexed: the database answers them directly.

export type IndexMode = "auto" | "always" | "off";

export function indexMode(): IndexMode {
  const v = process.env.LEAD_LIST_INDEX;
  return v === "off" || v === "always" ? v : "auto";
}

/** Tenants with at least this many visible leads in an unfiltered list get an index. */
export function indexMinLeads(): number {
  const n = Number(process.env.LEAD_INDEX_MIN_LEADS);
  return Number.isFinite(n) && n >= 0 ? n : 5_000;
}

function maxAgeMs(): number {
  const n = Number(process.env.LEAD_INDEX_MAX_AGE_MINUTES);
  return (Number.isFinite(n) && n > 0 ? n : 30) * 60_000;
}

type LocalIndex = { tenantId: string; epoch: string; rows: Map<string, IndexRow>; lastId: string; list?: IndexRow[] };

/** The rows as an array (iterating an array is several times faster than a Map's values). */
function rowList(local: LocalIndex): IndexRow[] {
  local.list ??= [...local.rows.values()];
  return local.list;
}

const state = ((globalThis as unknown as { __dcLeadIndex?: { locals: Map<string, LocalIndex>; loading: Map<string, Promise<LocalIndex>>; building: Set<string> } }).__dcLeadIndex ??= {
  locals: new Map(),
  loading: new Map(),
  building: new Set(),
});

function apply(local: LocalIndex, entries: LogEntry[]): void {
  if (entries.length) local.list = undefined;
  for (const e of entries) {
    // An older copy never overwrites a newer one (a build's scan may have read a later state).
    for (const row of e.upserts) {
      const current = local.rows.get(row._id);
      if (!current || row.updated_at >= current.updated_at) local.rows.set(row._id, row);
    }
    for (const id of e.removes) local.rows.delete(id);
    local.lastId = e.id;
  }
}

async function load(tenantId: string, epoch: string, logFrom: string): Promise<LocalIndex> {
  const local: LocalIndex = { tenantId, epoch, rows: await loadRows(tenantId, epoch), lastId: logFrom };
  // Replay what happened since the build started: changes made while it scanned.
  for (;;) {
    const { entries } = await readMetaAndLog(tenantId, local.lastId);
    apply(local, entries);
    if (entries.length < 10_000) break;
  }
  state.locals.set(tenantId, local);
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
    return null;
  }
  if (Date.now() - meta.builtAt > maxAgeMs()) void scheduleLeadIndexBuild({ tenantId });
  const trimmed = local && firstId && local.lastId !== "0-0" && compareIds(firstId, local.lastId) > 0;
  if (!local || local.epoch !== meta.epoch || trimmed || entries.length >= 10_000) {
    let pending = state.loading.get(tenantId);
    if (!pending || (await pending.catch(() => null))?.epoch !== meta.epoch) {
      pending = load(tenantId, meta.epoch, meta.logFrom).finally(() => state.loading.delete(tenantId));
      state.loading.set(tenantId, pending);
    }
    return pending;
  }
  apply(local, entries);
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
    const epoch = newEpoch();
    let batch: IndexRow[] = [];
    let rows = 0;
    const cursor = scoped(ctx, Lead).find({}, INDEX_PROJECTION).lean<IndexSourceDoc[]>().cursor({ batchSize: 2000 });
    for await (const doc of cursor) {
      batch.push(toIndexRow(doc as IndexSourceDoc));
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

/** Starts a build in the background unless one is running in this process; errors are logged. */
export function scheduleLeadIndexBuild(ctx: TenantContext): void {
  if (indexMode() === "off" || state.building.has(ctx.tenantId)) return;
  state.building.add(ctx.tenantId);
  buildLeadIndex({ tenantId: ctx.tenantId })
    .catch((err) => console.error("[lead-index] build failed", err))
    .finally(() => state.building.delete(ctx.tenantId));
}

/** Records created or changed leads in the tenant's index (no-op when the tenant has none). */
export async function noteLeadsChanged(ctx: TenantContext, docs: IndexSourceDoc[]): Promise<void> {
  if (!docs.length || indexMode() === "off") return;
  await appendChanges(ctx.tenantId, docs.map(toIndexRow), []).catch((err) => console.error("[lead-index] note failed", err));
}

/** Records deleted leads in the tenant's index (no-op when the tenant has none). */
export async function noteLeadsRemoved(ctx: TenantContext, ids: string[]): Promise<void> {
  if (!ids.length || indexMode() === "off") return;
  await appendChanges(ctx.tenantId, [], ids.map(String)).catch((err) => console.error("[lead-index] note failed", err));
}

/** Forgets this process's copy (tests). */
export function forgetLocalIndex(tenantId: string): void {
  state.locals.delete(tenantId);
}
