import "server-only";
import type { Model } from "mongoose";
import { nextRevision } from "@/lib/core/events/revision";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { SearchIndex } from "./query-rows";
import { enqueueReadModelBuild } from "./queue";

const READ_BY_ID_MAX = 200;
import { applyLogEntries, compareLogIds, createStore, newEpoch, type BaseRow, type LogEntry, type ReadModelStore } from "./store";

// A list read model: every document of one resource of a tenant as a compact row in memory, so
// lists, filters, search, counts and deep pages are one pass over memory instead of a scan of the
// collection (FerretDB sorts and counts in its own process). See docs/events-and-read-models.md.
//
// The shared copy lives in Redis (store.ts), built by the worker (the `read-models` queue, one job
// per tenant and resource), never in a request. Each web process holds the rows of the tenants it
// serves, within one memory budget shared by every resource (least recently used copies are
// evicted), and catches up through the change log on every request (one Redis round trip). The
// rows are fed only by domain events (subscriber.ts), applied in revision order. A tenant without
// a shared copy is read from the database while the worker builds one: never an empty list.
//
// This file knows nothing of any resource: each one describes itself (ReadModelDescriptor) and
// keeps its own filters and sort orders over its rows.

/** How one resource plugs in. */
export type ReadModelDescriptor<Row extends BaseRow, Doc = Record<string, unknown>> = {
  /** The build job's and the keys' name ("lead", "buyer"). */
  name: string;
  /** Bump when rows change meaning: copies built before are left behind and rebuilt. */
  version: number;
  /** The tenant-owned collection the rows come from (read through scoped()). */
  model: Model<any>;
  /** What a row needs from a stored document. */
  projection: Record<string, 0 | 1>;
  /**
   * A stored document (lean, projected) as a row read at revision `rev`; null when the document
   * has no row (it is outside `scope`: a change that moves it out removes its row).
   */
  toRow(doc: Doc, rev: number): Row | null;
  /** Which documents have rows, as the build's filter (default: all of the tenant's). */
  scope?(): Record<string, unknown>;
  /**
   * Reads what rows take from other documents (a deal's buyer name), for documents just read,
   * before toRow: on every build batch and every applied change, after the revision is taken.
   */
  join?(ctx: TenantContext, docs: Doc[]): Promise<Doc[]>;
  /** A row parsed from JSON, rebuilt with every field in one fixed order (one hidden class). */
  shapeRow(row: Row): Row;
  /** What one row costs in a process's heap, in bytes (measure it: docs/benchmarks.md). */
  rowBytes: number;
};

export type ReadModelMode = "auto" | "always" | "off";

/**
 * `LEAD_LIST_INDEX=off` turns every read model off (MongoDB deployments, where the database's own
 * indexes serve lists); the name is kept from when only leads had one.
 */
export function readModelMode(): ReadModelMode {
  const v = process.env.LEAD_LIST_INDEX;
  return v === "off" || v === "always" ? v : "auto";
}

function maxAgeMs(): number {
  const n = Number(process.env.LEAD_INDEX_MAX_AGE_MINUTES);
  return (Number.isFinite(n) && n > 0 ? n : 30) * 60_000;
}

/** The budget of one process for the rows of every read model it holds, in bytes (READ_MODEL_MEMORY_MB, 512 MB). */
export function memoryBudgetBytes(): number {
  const n = Number(process.env.READ_MODEL_MEMORY_MB);
  return (Number.isFinite(n) && n > 0 ? n : 512) * 1024 * 1024;
}

/** Copies not used for this long are evicted whatever the budget. */
const IDLE_MS = 30 * 60_000;

/** One tenant's rows of one read model, in this process. */
export type LocalRows<Row extends BaseRow> = {
  model: string;
  tenantId: string;
  epoch: string;
  rows: Map<string, Row>;
  tombstones: Map<string, number>;
  lastId: string;
  usedAt: number;
  rowBytes: number;
  list?: Row[];
  /** Built by the first search (query-rows.ts, searchCandidates), then kept current by apply. */
  search?: SearchIndex<Row>;
};

/** The rows as an array (iterating an array is several times faster than a Map's values). */
export function rowsOf<Row extends BaseRow>(local: LocalRows<Row>): Row[] {
  local.list ??= [...local.rows.values()];
  return local.list;
}

type State = { locals: Map<string, LocalRows<any>>; loading: Map<string, Promise<LocalRows<any>>>; models: Map<string, ReadModel<any, any>> };
const state: State = ((globalThis as unknown as { __dcReadModels?: State }).__dcReadModels ??= { locals: new Map(), loading: new Map(), models: new Map() });

const localKey = (model: string, tenantId: string) => `${model}:${tenantId}`;

/** Log entries, in revision order: an older copy never overwrites a newer one or a removal. */
function apply<Row extends BaseRow>(local: LocalRows<Row>, entries: LogEntry<Row>[]): void {
  if (entries.length) local.list = undefined;
  const search = local.search;
  applyLogEntries(local, entries, search ? (before, after) => search.update(before, after) : undefined);
}

/** The bytes this process holds for every read model's rows (as budgeted). */
export function heldBytes(): number {
  let bytes = 0;
  for (const l of state.locals.values()) bytes += l.rows.size * l.rowBytes;
  return bytes;
}

/** The copies this process holds (tests, benchmarks' memory reports). */
export function heldCopies(): { model: string; tenantId: string; rows: number; bytes: number }[] {
  return [...state.locals.values()].map((l) => ({ model: l.model, tenantId: l.tenantId, rows: l.rows.size, bytes: l.rows.size * l.rowBytes }));
}

/**
 * Evicts idle copies, then the least recently used ones until the rest fit the budget, whatever
 * their resource.
 */
function evict(keep: string): void {
  const now = Date.now();
  const locals = [...state.locals.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt);
  let bytes = heldBytes();
  for (const [key, l] of locals) {
    if (key === keep) continue;
    if (now - l.usedAt < IDLE_MS && bytes <= memoryBudgetBytes()) continue;
    state.locals.delete(key);
    bytes -= l.rows.size * l.rowBytes;
  }
}

export type ReadModel<Row extends BaseRow, Doc = Record<string, unknown>> = {
  readonly name: string;
  readonly descriptor: ReadModelDescriptor<Row, Doc>;
  /** The Redis side (tests, the seed's refresh, benchmarks). */
  readonly store: ReadModelStore<Row>;
  /**
   * The tenant's rows, caught up with every noted change, or null when none is built (a build is
   * then queued: read the database meanwhile). Throws when Redis does not answer (the caller
   * falls back to the database).
   */
  current(tenantId: string): Promise<LocalRows<Row> | null>;
  /**
   * Builds (or rebuilds) a tenant's rows from the database: one scan, written to a new build
   * while the previous one keeps answering. One builder per tenant across processes; null when
   * another one holds the lock.
   */
  build(ctx: TenantContext): Promise<{ rows: number } | null>;
  /** Asks the worker to build the tenant's rows (once, however many requests ask). */
  schedule(tenantId: string): Promise<void>;
  /** Reads changed documents again and applies them (ids no longer there are removed). */
  applyChanges(ctx: TenantContext, ids: string[]): Promise<void>;
  /** Forgets this process's copy (tests, benchmarks). */
  forgetLocal(tenantId: string): void;
};

/**
 * Defines a resource's read model and registers it (the worker's `read-models` queue builds it by
 * name). Define it once, at module level, in the resource's folder.
 */
export function defineReadModel<Row extends BaseRow, Doc = Record<string, unknown>>(descriptor: ReadModelDescriptor<Row, Doc>): ReadModel<Row, Doc> {
  const { name } = descriptor;
  const store = createStore<Row>(name, descriptor.version, descriptor.shapeRow);

  async function load(tenantId: string, epoch: string, logFrom: string): Promise<LocalRows<Row>> {
    const { rows, tombstones } = await store.loadRows(tenantId, epoch);
    const local: LocalRows<Row> = { model: name, tenantId, epoch, rows, tombstones, lastId: logFrom, usedAt: Date.now(), rowBytes: descriptor.rowBytes };
    // Replay what happened since the build started: changes made while it scanned.
    for (;;) {
      const { entries } = await store.readMetaAndLog(tenantId, local.lastId);
      apply(local, entries);
      if (entries.length < 10_000) break;
    }
    const key = localKey(name, tenantId);
    state.locals.set(key, local);
    evict(key);
    return local;
  }

  async function toRows(ctx: TenantContext, docs: Doc[], rev: number): Promise<(Row | null)[]> {
    const joined = descriptor.join && docs.length ? await descriptor.join(ctx, docs) : docs;
    return joined.map((d) => descriptor.toRow(d, rev));
  }

  const model: ReadModel<Row, Doc> = {
    name,
    descriptor,
    store,

    async current(tenantId) {
      const key = localKey(name, tenantId);
      const local = state.locals.get(key) as LocalRows<Row> | undefined;
      const { meta, entries, firstId } = await store.readMetaAndLog(tenantId, local?.lastId ?? "0-0");
      if (!meta) {
        state.locals.delete(key);
        await model.schedule(tenantId);
        return null;
      }
      if (Date.now() - meta.builtAt > maxAgeMs()) await model.schedule(tenantId);
      const trimmed = local && firstId && local.lastId !== "0-0" && compareLogIds(firstId, local.lastId) > 0;
      const reload = () => {
        let pending = state.loading.get(key) as Promise<LocalRows<Row>> | undefined;
        if (!pending) {
          pending = load(tenantId, meta.epoch, meta.logFrom).finally(() => state.loading.delete(key));
          state.loading.set(key, pending);
        }
        return pending;
      };
      if (!local || trimmed || entries.length >= 10_000) return reload();
      apply(local, entries);
      local.usedAt = Date.now();
      // A newer build was published: this copy is still current (it applied every change since),
      // so it keeps answering while the new one loads in the background.
      if (local.epoch !== meta.epoch) void reload().catch((err: unknown) => console.error(`[read-model ${name}] reload failed`, err));
      return local;
    },

    async build(ctx) {
      const tenantId = ctx.tenantId;
      const token = await store.tryLock(tenantId, 3600);
      if (!token) return null;
      try {
        const logFrom = await store.lastLogId(tenantId);
        // Every row of the scan is as of this revision or later; changes logged meanwhile carry
        // higher ones and win when the build is loaded (see applyChanges).
        const rev = await nextRevision(tenantId);
        const epoch = newEpoch();
        let batch: Doc[] = [];
        let rows = 0;
        const write = async () => {
          const out = toRows(ctx, batch, rev);
          batch = [];
          const written = (await out).filter((r): r is Row => r !== null);
          await store.writeRows(tenantId, epoch, written);
          rows += written.length;
        };
        const cursor = scoped(ctx, descriptor.model).find(descriptor.scope?.() ?? {}, descriptor.projection).lean<Doc[]>().cursor({ batchSize: 2000 });
        for await (const doc of cursor) {
          batch.push(doc as Doc);
          if (batch.length >= 2000) await write();
        }
        await write();
        await store.publishBuild(tenantId, epoch, logFrom);
        return { rows };
      } finally {
        await store.unlock(tenantId, token);
      }
    },

    async schedule(tenantId) {
      if (readModelMode() === "off") return;
      await enqueueReadModelBuild(name, tenantId).catch((err) => console.error(`[read-model ${name}] could not queue a build`, err));
    },

    /**
     * Rows are ordered by the revision at which they were read, taken before the read: the read
     * that follows the last write to a document takes a revision above every read before it, and
     * sees that write, so it wins, however the writes and reads interleaved (a document's own
     * stamp can go backwards when two writes land out of order).
     */
    async applyChanges(ctx, ids) {
      if (!ids.length || readModelMode() === "off") return;
      const rev = await nextRevision(ctx.tenantId);
      // A few changed documents are read by their own ids (on FerretDB `_id: { $in }` reads every
      // document of the tenant, inline in the writer's request); a bulk change reads them in one pass.
      const docs =
        ids.length <= READ_BY_ID_MAX
          ? await findByIds<Doc & { _id: unknown }>(ctx, descriptor.model, ids, descriptor.projection)
          : await scoped(ctx, descriptor.model).find({ _id: { $in: ids } }, descriptor.projection).lean<(Doc & { _id: unknown })[]>();
      const rows = (await toRows(ctx, docs, rev)).filter((r): r is Row => r !== null);
      const found = new Set(rows.map((r) => r._id));
      const removes = ids.filter((id) => !found.has(id)).map((id) => ({ _id: id, rev }));
      await store.appendChanges(ctx.tenantId, rows, removes);
    },

    forgetLocal(tenantId) {
      state.locals.delete(localKey(name, tenantId));
    },
  };
  state.models.set(name, model);
  return model;
}

/** A registered read model by name (the worker's build job), or undefined. */
export function readModelNamed(name: string): ReadModel<any, any> | undefined {
  return state.models.get(name);
}
