import "server-only";
import { enqueueReadModelBuild } from "@/lib/core/read-models/queue";
import type { DomainEventRecord } from "@/lib/core/events/subscribers";
import { nextRevision } from "@/lib/core/events/revision";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getRedis } from "@/lib/core/redis";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { findByIds } from "@/lib/core/db/find-by-ids";
import {
  BUYER_NAME_PROJECTION,
  buyerDisplayName,
  CONTACT_FILTER,
  CONTACT_PROJECTION,
  DEAL_FACT_PROJECTION,
  fromDealFact,
  toContactFact,
  toDealFact,
  type ContactFact,
  type DealDoc,
  type DealFact,
  type DealSourceDoc,
  type MessageSourceDoc,
} from "./deal-facts";
import { applyValues, beginBuild, publishBuild, readChanges, readPart, readSummaryMeta, readValues, summaryKeys, tryLock, unlock, writeBuildValues, type Part, type Stamped, type SummaryMeta } from "./summary-store";

// The deal summary: every deal of a tenant as a compact fact, and the messages that contacted a
// buyer in the last days, so the disposition dashboard, the deal list and the board compute in
// memory instead of asking FerretDB, which fetches and decodes every deal and message of the
// company in its own process for each read (seconds at 5,000 deals: docs/benchmarks.md, "Deals
// and the disposition dashboard"). See docs/disposition-dashboard.md.
//
// - Fed only by events (subscriber.ts): a changed deal or message is read again by id and its
//   fact replaces the stored one when its revision is not older (summary-store.ts).
// - Built by the worker (`read-models` queue, model "deal-summary"), never in a request; until a
//   build is published the readers use the database, so the answer is never empty or partial.
// - Each process keeps the facts of the tenants it serves and, on each request, asks Redis how
//   many changes the build has noted (one round trip) and reads again only the values changed
//   since (a new build, or a long way behind: the whole copy); tenants idle for 30 minutes, and
//   the least recently used beyond MAX_LOCAL_FACTS facts, are dropped.

export const DEAL_SUMMARY_MODEL = "deal-summary";

/** Messages older than this are not kept: it covers the start of this week in every time zone. */
const HORIZON_MS = 10 * 86_400_000;
/** A summary older than this is rebuilt (in the background): old messages leave, anything missed heals. */
const MAX_AGE_MS = 6 * 3_600_000;
const IDLE_MS = 30 * 60_000;
/** About 1 KB of heap each: 100,000 facts ≈ 100 MB per process at most. */
const MAX_LOCAL_FACTS = 100_000;

/** `DEAL_SUMMARY=off` reads the database (MongoDB deployments, whose indexes serve these reads); off too when the lead list index is. */
export function dealSummaryEnabled(): boolean {
  const v = process.env.DEAL_SUMMARY ?? (process.env.LEAD_LIST_INDEX === "off" ? "off" : "auto");
  return v !== "off";
}

/** Deals, recent contacts of buyers, and every buyer's name as a deal row shows it. */
export type DealSummary = { deals: DealDoc[]; contacts: ContactFact[]; buyerNames: Map<string, string>; horizon: number };

/** A process's copy: maps by id (caught up change by change), arrays made again after a change. */
type Local = {
  tenantId: string;
  epoch: string;
  v: number;
  horizon: number;
  usedAt: number;
  deals: Map<string, DealDoc>;
  contacts: Map<string, ContactFact>;
  buyerNames: Map<string, string>;
  lists?: { deals: DealDoc[]; contacts: ContactFact[] };
};

const state = ((globalThis as unknown as { __dcDealSummary?: { locals: Map<string, Local> } }).__dcDealSummary ??= { locals: new Map() });

/** Beyond this many changes to catch up, a process reloads its copy whole. */
const MAX_CATCH_UP = 5000;

function evict(keep: string): void {
  const now = Date.now();
  const locals = [...state.locals.values()].sort((a, b) => a.usedAt - b.usedAt);
  const size = (l: Local) => l.deals.size + l.contacts.size + l.buyerNames.size;
  let facts = locals.reduce((n, l) => n + size(l), 0);
  for (const l of locals) {
    if (l.tenantId === keep || (now - l.usedAt < IDLE_MS && facts <= MAX_LOCAL_FACTS)) continue;
    state.locals.delete(l.tenantId);
    facts -= size(l);
  }
}

type Stored = { rev: number; x?: 1 };
const parse = (value: string | null) => (value ? (JSON.parse(value) as Stored & Record<string, unknown>) : null);

/** One stored value into the copy: a fact replaces, a tombstone or an absent value removes. */
function put(local: Local, part: Part, id: string, value: string | null): void {
  const v = parse(value);
  const live = v && !v.x ? v : null;
  if (part === "deals") live ? local.deals.set(id, fromDealFact(live as unknown as DealFact)) : local.deals.delete(id);
  else if (part === "contacts") live ? local.contacts.set(id, { b: String(live.b), at: Number(live.at) }) : local.contacts.delete(id);
  else live ? local.buyerNames.set(id, String(live.n)) : local.buyerNames.delete(id);
}

async function load(tenantId: string, meta: SummaryMeta): Promise<Local> {
  // Changes landing between the meta and these reads are in them already; replaying them later
  // (from meta.v) reads their values again: the same.
  const local: Local = { tenantId, epoch: meta.epoch, v: meta.v, horizon: meta.horizon, usedAt: Date.now(), deals: new Map(), contacts: new Map(), buyerNames: new Map() };
  const parts: Part[] = ["deals", "contacts", "buyers"];
  const all = await Promise.all(parts.map((p) => readPart(tenantId, meta.epoch, p)));
  parts.forEach((p, i) => all[i].forEach(([id, value]) => put(local, p, id, value)));
  return local;
}

/** Reads again only the values changed since the copy was current. */
async function catchUp(local: Local, v: number): Promise<void> {
  const changes = await readChanges(local.tenantId, local.epoch, local.v, v);
  const byPart = new Map<Part, Set<string>>();
  for (const c of changes) byPart.set(c.part, (byPart.get(c.part) ?? new Set()).add(c.id));
  await Promise.all(
    [...byPart].map(async ([part, set]) => {
      const ids = [...set];
      const values = await readValues(local.tenantId, local.epoch, part, ids);
      ids.forEach((id, i) => put(local, part, id, values[i]));
    }),
  );
  local.v = v;
  local.lists = undefined;
}

/**
 * The tenant's summary, with every change noted so far, or null when none is built yet (a build
 * is asked for; the caller reads the database). Throws when Redis does not answer.
 */
export async function currentDealSummary(tenantId: string): Promise<DealSummary | null> {
  if (!dealSummaryEnabled()) return null;
  const meta = await readSummaryMeta(tenantId);
  if (!meta) {
    state.locals.delete(tenantId);
    await scheduleDealSummaryBuild(tenantId);
    return null;
  }
  if (Date.now() - meta.builtAt > MAX_AGE_MS) await scheduleDealSummaryBuild(tenantId);
  let local = state.locals.get(tenantId);
  if (local && local.epoch === meta.epoch && meta.v > local.v && meta.v - local.v <= MAX_CATCH_UP) await catchUp(local, meta.v);
  else if (!local || local.epoch !== meta.epoch || local.v !== meta.v) {
    local = await load(tenantId, meta);
    state.locals.set(tenantId, local);
    evict(tenantId);
  }
  local.usedAt = Date.now();
  local.lists ??= { deals: [...local.deals.values()], contacts: [...local.contacts.values()] };
  return { deals: local.lists.deals, contacts: local.lists.contacts, buyerNames: local.buyerNames, horizon: local.horizon };
}

/** Asks the worker to build the tenant's summary (once, however many requests ask). */
export async function scheduleDealSummaryBuild(tenantId: string): Promise<void> {
  if (!dealSummaryEnabled()) return;
  await enqueueReadModelBuild(DEAL_SUMMARY_MODEL, tenantId).catch((err) => console.error("[deal-summary] could not queue a build", err));
}

const buyerFact = (b: { _id: unknown; name?: string | null; company?: string | null }) => ({ i: String(b._id), n: buyerDisplayName(b) });

const stamp = (id: string, rev: number, value: object | null): Stamped => ({ id, rev, json: JSON.stringify(value ? { ...value, rev } : { rev, x: 1 }) });

/**
 * Builds (or rebuilds) a tenant's summary from the database: one scan of its deals and one of its
 * recent messages to buyers, written to a new build while the previous one keeps answering.
 */
export async function buildDealSummary(ctx: Pick<TenantContext, "tenantId">): Promise<{ deals: number; contacts: number } | null> {
  const tenantId = ctx.tenantId;
  const token = await tryLock(tenantId, 3600);
  if (!token) return null;
  try {
    // From here every change is applied to this build too; the scans start after, at a revision
    // above those of changes applied before (see applyDealChanges).
    const epoch = await beginBuild(tenantId);
    const rev = await nextRevision(tenantId);
    const horizon = Date.now() - HORIZON_MS;
    let batch: Stamped[] = [];
    const counts = { deals: 0, contacts: 0 };
    for await (const d of scoped(ctx, Deal).find({}, DEAL_FACT_PROJECTION).lean<DealSourceDoc[]>().cursor({ batchSize: 2000 })) {
      batch.push(stamp(String(d._id), rev, toDealFact(d as DealSourceDoc, rev)));
      if (batch.length >= 2000) await writeBuildValues(tenantId, epoch, "deals", batch.splice(0));
      counts.deals += 1;
    }
    await writeBuildValues(tenantId, epoch, "deals", batch.splice(0));
    const messages = scoped(ctx, Communication).find({ ...CONTACT_FILTER, created_at: { $gte: new Date(horizon) } }, CONTACT_PROJECTION).lean<MessageSourceDoc[]>();
    for await (const m of messages.cursor({ batchSize: 2000 })) {
      const fact = toContactFact(m as MessageSourceDoc);
      if (!fact) continue;
      batch.push(stamp(String(m._id), rev, fact));
      if (batch.length >= 2000) await writeBuildValues(tenantId, epoch, "contacts", batch.splice(0));
      counts.contacts += 1;
    }
    await writeBuildValues(tenantId, epoch, "contacts", batch.splice(0));
    for await (const b of scoped(ctx, Buyer).find({}, BUYER_NAME_PROJECTION).lean<{ _id: unknown; name?: string; company?: string }[]>().cursor({ batchSize: 2000 })) {
      batch.push(stamp(String(b._id), rev, buyerFact(b as { _id: unknown })));
      if (batch.length >= 2000) await writeBuildValues(tenantId, epoch, "buyers", batch.splice(0));
    }
    await writeBuildValues(tenantId, epoch, "buyers", batch.splice(0));
    await publishBuild(tenantId, epoch, horizon);
    return counts;
  } finally {
    await unlock(tenantId, token);
  }
}

/**
 * Whether a summary is built or being built: when not, a change needs no reading (a build that
 * starts later scans after the change and sees it).
 */
async function summaryExists(tenantId: string): Promise<boolean> {
  const [epoch, building] = await getRedis().hmget(summaryKeys(tenantId).meta, "epoch", "building");
  return !!(epoch || building);
}

/**
 * Applies changed deals: each read again now, by id (FerretDB serves a lone `_id` from its primary
 * key, not an `$in`), at a revision taken before the read, so the read that follows a deal's last
 * write wins however writes and reads interleave; ids no longer there become tombstones.
 */
export async function applyDealChanges(ctx: Pick<TenantContext, "tenantId">, ids: string[]): Promise<void> {
  if (!ids.length || !dealSummaryEnabled() || !(await summaryExists(ctx.tenantId))) return;
  const rev = await nextRevision(ctx.tenantId);
  const docs = await findByIds<DealSourceDoc>(ctx, Deal, ids, DEAL_FACT_PROJECTION);
  const found = new Map(docs.map((d) => [String(d._id), d]));
  await applyValues(ctx.tenantId, "deals", [...new Set(ids)].map((id) => stamp(id, rev, found.has(id) ? toDealFact(found.get(id)!, rev) : null)));
}

/** Applies changed messages: those that contact a buyer (CONTACT_FILTER) kept, the others removed. */
export async function applyMessageChanges(ctx: Pick<TenantContext, "tenantId">, event: Pick<DomainEventRecord, "kind" | "ids" | "states">): Promise<void> {
  if (!event.ids.length || !dealSummaryEnabled() || !(await summaryExists(ctx.tenantId))) return;
  const rev = await nextRevision(ctx.tenantId);
  // Messages to leads, before and after, are none of the summary's business.
  const toLeads = new Set(
    (event.states ?? [])
      .filter((s) => {
        const types = [s.before, s.after].filter(Boolean).map((v) => v!.recipient_type);
        return types.length > 0 && types.every((t) => t === "lead");
      })
      .map((s) => String(s.id)),
  );
  const ids = [...new Set(event.ids.map(String))].filter((id) => !toLeads.has(id));
  const docs = event.kind === "deleted" ? [] : await findByIds<MessageSourceDoc>(ctx, Communication, ids, CONTACT_PROJECTION);
  const found = new Map(docs.map((d) => [String(d._id), toContactFact(d)]));
  await applyValues(ctx.tenantId, "contacts", ids.map((id) => stamp(id, rev, found.get(id) ?? null)));
}

/** Applies changed buyers' names (a change that wrote neither name nor company is skipped). */
export async function applyBuyerChanges(ctx: Pick<TenantContext, "tenantId">, event: Pick<DomainEventRecord, "kind" | "ids" | "changes">): Promise<void> {
  if (event.kind === "updated" && event.changes.length && !event.changes.some((c) => /^(name|company)(\.|$)/.test(c.path))) return;
  if (!event.ids.length || !dealSummaryEnabled() || !(await summaryExists(ctx.tenantId))) return;
  const rev = await nextRevision(ctx.tenantId);
  const ids = [...new Set(event.ids.map(String))];
  const docs = event.kind === "deleted" ? [] : await findByIds<{ _id: unknown; name?: string; company?: string }>(ctx, Buyer, ids, BUYER_NAME_PROJECTION);
  const found = new Map(docs.map((d) => [String(d._id), buyerFact(d)]));
  await applyValues(ctx.tenantId, "buyers", ids.map((id) => stamp(id, rev, found.get(id) ?? null)));
}

/** Forgets this process's copy (tests). */
export function forgetLocalDealSummary(tenantId: string): void {
  state.locals.delete(tenantId);
}
