import "server-only";
import { createHash } from "node:crypto";
import mongoose from "mongoose";
import { nextRevision } from "@/lib/core/events/revision";
import { scoped } from "@/lib/db/scoped";
import { getRedis } from "@/lib/redis";
import { Conversation } from "@/models/conversation";
import { compareRows, ROW_PROJECTION, shapeConversationRow, toConversationRow, type ConversationRow } from "./conversation-rows";

// The inbox's rows in each web process's memory, so a page, a filter and the unread badge are one
// pass over a sorted array instead of FerretDB's sort (it decodes and sorts every conversation of
// the company in its own process: 2.8 s for 5,000 of them; docs/benchmarks.md, "Inbox").
//
// - Source: the `conversations` collection (itself recomputed from the communications and the
//   contacts by refresh-conversation.ts, which is fed by events). A process loads a company's rows
//   with one unsorted scan, in the background: until it has them, the inbox reads the database.
// - Shared: a change log per company in Redis (a stream). Every refresh, after writing its row,
//   takes the company's next revision, reads the row again and logs it (or its removal); every
//   request catches up with the log since it last looked (one round trip). So a text stored by
//   the worker shows in every web process on the next request.
// - Ordered by revision, not by clocks: a logged row wins over a held one only when its revision
//   is higher. The revision is taken after the write and before the read, so the read with the
//   higher revision saw every write the other saw. A removal leaves a tombstone an older copy
//   cannot overwrite. (A load takes its revision before its scan, with the same rule.)
// - Bounded: INBOX_ROWS_MEMORY_MB (128 by default) per process at ROW_BYTES a row; companies unused
//   for 30 minutes go first, then the least recently used. The log keeps the last LOG_MAX changes;
//   a process further behind, or a copy older than INBOX_ROWS_MAX_AGE_MINUTES (60), loads again.
// - INBOX_ROW_CACHE=off reads the database every time (as on MongoDB, whose indexes serve the sort).
//
// Built for the inbox alone while the project's generic read model (lib/core/read-models) was
// being written; it should move onto that once it can hold rows of a derived collection.

export type CachedRows = { sorted: readonly ConversationRow[] };

/** What one row costs in a process's heap, measured by the benchmark (scripts/bench/inbox.ts). */
export const ROW_BYTES = 1_200;
const LOG_MAX = 20_000;
const CATCH_UP = 5_000;
const IDLE_MS = 30 * 60_000;
const SMALL_CHANGE = 64;

type Change = { _id: string; rev: number; row: ConversationRow | null };
type Local = {
  tenantId: string;
  rows: Map<string, ConversationRow>;
  tombstones: Map<string, number>;
  sorted: ConversationRow[] | null;
  lastId: string;
  loadedAt: number;
  usedAt: number;
};
type State = { locals: Map<string, Local>; loading: Map<string, Promise<Local>>; mode: "auto" | "off" | null };
const state: State = ((globalThis as unknown as { __dcInboxRows?: State }).__dcInboxRows ??= { locals: new Map(), loading: new Map(), mode: null });

const mode = () => state.mode ?? (process.env.INBOX_ROW_CACHE === "off" ? "off" : "auto");

/** Benchmarks compare both paths in one process. */
export function setInboxCacheMode(m: "auto" | "off"): void {
  state.mode = m;
}

function maxAgeMs(): number {
  const n = Number(process.env.INBOX_ROWS_MAX_AGE_MINUTES);
  return (Number.isFinite(n) && n > 0 ? n : 60) * 60_000;
}

function budgetBytes(): number {
  const n = Number(process.env.INBOX_ROWS_MEMORY_MB);
  return (Number.isFinite(n) && n > 0 ? n : 128) * 1024 * 1024;
}

/** Per database as well as per company: one Redis often serves several databases (tests, benchmarks), and the demo companies' ids repeat. */
function logKey(tenantId: string): string {
  const c = mongoose.connection;
  const where = createHash("sha1").update(`${c.host ?? ""}:${c.port ?? ""}/${c.name ?? ""}`).digest("hex").slice(0, 12);
  return `dc:inbox-rows:v1:${where}:${tenantId}:log`;
}

function compareLogIds(a: string, b: string): number {
  const [am, as] = a.split("-").map(Number);
  const [bm, bs] = b.split("-").map(Number);
  return am !== bm ? am - bm : as - bs;
}

function parseEntry([id, fields]: [string, string[]]): { id: string; changes: Change[] } {
  const at = fields.indexOf("c");
  const changes = at >= 0 ? (JSON.parse(fields[at + 1]) as Change[]) : [];
  for (const c of changes) if (c.row) c.row = shapeConversationRow(c.row);
  return { id, changes };
}

/** Where a row sits in the sorted array (binary search on the order, then its own id). */
function positionOf(sorted: ConversationRow[], row: ConversationRow): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRows(sorted[mid], row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function unsort(local: Local, old: ConversationRow | undefined, next: ConversationRow | null, many: boolean): void {
  if (!local.sorted) return;
  if (many) {
    local.sorted = null;
    return;
  }
  if (old) {
    const at = positionOf(local.sorted, old);
    if (local.sorted[at]?._id === old._id) local.sorted.splice(at, 1);
    else local.sorted = null;
  }
  if (next && local.sorted) local.sorted.splice(positionOf(local.sorted, next), 0, next);
}

/** Changes in revision order: an older copy never overwrites a newer one or a removal. */
function apply(local: Local, entries: { id: string; changes: Change[] }[]): void {
  const many = entries.reduce((n, e) => n + e.changes.length, 0) > SMALL_CHANGE;
  for (const e of entries) {
    for (const c of e.changes) {
      const current = local.rows.get(c._id);
      if (c.row) {
        const removedAt = local.tombstones.get(c._id);
        if ((removedAt !== undefined && c.rev <= removedAt) || (current && c.rev < current.rev)) continue;
        local.rows.set(c._id, c.row);
        local.tombstones.delete(c._id);
        unsort(local, current, c.row, many);
      } else {
        if (current && current.rev > c.rev) continue;
        local.rows.delete(c._id);
        local.tombstones.set(c._id, Math.max(c.rev, local.tombstones.get(c._id) ?? 0));
        unsort(local, current, null, many);
      }
    }
    local.lastId = e.id;
  }
}

/** The log after `afterId`, and its first entry's id (to tell whether entries were trimmed since). */
async function readLog(tenantId: string, afterId: string) {
  const key = logKey(tenantId);
  const res = await getRedis().multi().xrange(key, `(${afterId}`, "+", "COUNT", CATCH_UP).xrange(key, "-", "+", "COUNT", 1).exec();
  if (!res) throw new Error("inbox rows: Redis transaction failed");
  const [[e1, raw], [e2, first]] = res as [Error | null, unknown][];
  if (e1 || e2) throw e1 ?? e2;
  return { entries: (raw as [string, string[]][]).map(parseEntry), firstId: (first as [string, string[]][])[0]?.[0] ?? null };
}

function evict(keep: string): void {
  const now = Date.now();
  const locals = [...state.locals.values()].sort((a, b) => a.usedAt - b.usedAt);
  let bytes = locals.reduce((sum, l) => sum + l.rows.size * ROW_BYTES, 0);
  for (const l of locals) {
    if (l.tenantId === keep) continue;
    if (now - l.usedAt < IDLE_MS && bytes <= budgetBytes()) continue;
    state.locals.delete(l.tenantId);
    bytes -= l.rows.size * ROW_BYTES;
  }
}

/** One scan of the company's conversations, then the changes logged since it started. */
async function load(tenantId: string): Promise<Local> {
  const last = await getRedis().xrevrange(logKey(tenantId), "+", "-", "COUNT", 1);
  const rev = await nextRevision(tenantId);
  const rows = new Map<string, ConversationRow>();
  const cursor = scoped({ tenantId }, Conversation).find({}, ROW_PROJECTION).lean().cursor({ batchSize: 2000 });
  for await (const doc of cursor) {
    const row = toConversationRow(doc as Record<string, unknown>, rev);
    rows.set(row._id, row);
  }
  const local: Local = { tenantId, rows, tombstones: new Map(), sorted: null, lastId: last[0]?.[0] ?? "0-0", loadedAt: Date.now(), usedAt: Date.now() };
  for (;;) {
    const { entries } = await readLog(tenantId, local.lastId);
    apply(local, entries);
    if (entries.length < CATCH_UP) break;
  }
  local.sorted = [...local.rows.values()].sort(compareRows);
  state.locals.set(tenantId, local);
  evict(tenantId);
  return local;
}

function loadOnce(tenantId: string): Promise<Local> {
  let pending = state.loading.get(tenantId);
  if (!pending) {
    pending = load(tenantId).finally(() => state.loading.delete(tenantId));
    state.loading.set(tenantId, pending);
  }
  return pending;
}

function loadInBackground(tenantId: string): void {
  loadOnce(tenantId).catch((err: unknown) => console.error("[inbox-rows] load failed", err));
}

/**
 * The company's conversations, newest first, caught up with every logged change; or null when
 * this process has none loaded yet (a load starts in the background: read the database meanwhile),
 * the cache is off, or Redis does not answer.
 */
export async function conversationRowsOf(tenantId: string): Promise<CachedRows | null> {
  if (mode() === "off") return null;
  const local = state.locals.get(tenantId);
  if (!local) {
    loadInBackground(tenantId);
    return null;
  }
  let log: Awaited<ReturnType<typeof readLog>>;
  try {
    log = await readLog(tenantId, local.lastId);
  } catch (err) {
    console.error("[inbox-rows] Redis did not answer; reading the database", err);
    return null;
  }
  const trimmed = log.firstId !== null && local.lastId !== "0-0" && compareLogIds(log.firstId, local.lastId) > 0;
  if (trimmed || log.entries.length >= CATCH_UP) {
    // Too far behind to catch up here: a fresh load, the database meanwhile.
    state.locals.delete(tenantId);
    loadInBackground(tenantId);
    return null;
  }
  apply(local, log.entries);
  local.usedAt = Date.now();
  if (Date.now() - local.loadedAt > maxAgeMs() && !state.loading.has(tenantId)) {
    // The held copy goes on answering (it is current) while a fresh scan replaces it.
    loadInBackground(tenantId);
  }
  local.sorted ??= [...local.rows.values()].sort(compareRows);
  return { sorted: local.sorted };
}

/**
 * Logs the current state of changed conversations (by row id), read now, for every process.
 * Called after the write; never throws at the writer (a lost entry is corrected by the next load).
 */
export async function noteConversationsChanged(tenantId: string, ids: string[]): Promise<void> {
  if (!ids.length || mode() === "off") return;
  try {
    const rev = await nextRevision(tenantId);
    const docs = await scoped({ tenantId }, Conversation).find({ _id: { $in: ids } }, ROW_PROJECTION).lean();
    const rows = new Map(docs.map((d) => [String(d._id), toConversationRow(d as Record<string, unknown>, rev)]));
    const changes: Change[] = ids.map((id) => ({ _id: id, rev, row: rows.get(id) ?? null }));
    await getRedis().xadd(logKey(tenantId), "MAXLEN", "~", String(LOG_MAX), "*", "c", JSON.stringify(changes));
  } catch (err) {
    console.error("[inbox-rows] could not log a conversation change", err);
  }
}

/** Loads the company's rows into this process now (benchmarks and tests; requests never wait for it). */
export async function inboxRowsReady(tenantId: string): Promise<void> {
  if (mode() === "off") return;
  if (!state.locals.has(tenantId)) await loadOnce(tenantId);
}

/** Forgets this process's copy (tests: another process that has not loaded the company yet). */
export function forgetInboxRows(tenantId: string): void {
  state.locals.delete(tenantId);
}
