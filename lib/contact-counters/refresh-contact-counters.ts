import "server-only";
import type { Model, Types } from "mongoose";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { classify, ledgerOfRecompute, readLedger, recordApplied, storeLedger, type Ledger } from "@/lib/core/events/applied-ledger";
import { atVersion, nextVersion, untilWritten, WRITE_TRIES, type WriteOptions } from "@/lib/core/db/versioned-write";
import { withRedisLock } from "@/lib/core/redis-lock";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";

export type ContactType = "lead" | "buyer";
export type ContactCounters = { communication_count: number; last_contacted: Date | null };

const CONTACTS: Record<ContactType, Model<any>> = { lead: Lead, buyer: Buyer };
const LOCK_MS = 10_000;

type Message = { _id: Types.ObjectId; status?: string; sent_at?: Date | null; created_at?: Date; rev?: number };
/**
 * What the counters are made of, kept on the contact beside them (`counters_state`, never shown):
 * the ledger of the messages counted (lib/core/events/applied-ledger.ts), the latest send among
 * contacted messages, when the latest contacted messages were created and the latest of their own
 * times (each one's send, else its creation). last_contacted is the later of the two times.
 */
type CountersState = { applied_floor?: number; applied?: string[]; max_sent?: Date | null; newest_created?: Date | null; newest_share?: Date | null; version?: number | null };
type Stored = { communication_count?: number; last_contacted?: Date | null; counters_state?: CountersState | null };

const ms = (d: Date | null | undefined) => (d ? new Date(d).getTime() : null);
const maxMs = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
const date = (n: number | null) => (n === null ? null : new Date(n));
/** A message counts for last_contacted unless it is scheduled or failed. */
const contacts = (m: Message) => m.status !== "scheduled" && m.status !== "failed";

type Folded = { maxSent: number | null; newestCreated: number | null; newestShare: number | null };

/** Adds one message to the fold of last_contacted (in any order: the same result). */
function fold(f: Folded, m: Message): Folded {
  if (!contacts(m)) return f;
  const created = ms(m.created_at) ?? 0;
  const share = ms(m.sent_at) ?? created;
  const maxSent = maxMs(f.maxSent, ms(m.sent_at));
  if (f.newestCreated === null || created > f.newestCreated) return { maxSent, newestCreated: created, newestShare: share };
  if (created === f.newestCreated) return { maxSent, newestCreated: created, newestShare: maxMs(f.newestShare, share) };
  return { ...f, maxSent };
}

const lastOf = (f: Folded) => date(maxMs(f.maxSent, f.newestShare));
const stateOf = (ledger: Ledger, f: Folded): CountersState => ({ ...storeLedger(ledger), max_sent: date(f.maxSent), newest_created: date(f.newestCreated), newest_share: date(f.newestShare) });

/**
 * The counters' lock keeps writers of one contact apart, so they seldom meet; correctness does not
 * rest on it: each write names `counters_state.version` as read and changes nothing when another
 * writer wrote since (a holder stalled past the lock's expiry reads again instead of writing its
 * older reading over a newer one).
 */
const withCountersLock = <T>(ctx: TenantContext, type: ContactType, id: Types.ObjectId, fn: (held: boolean) => Promise<T>) =>
  withRedisLock(`contact-counters:${ctx.tenantId}:${type}:${String(id)}`, LOCK_MS, fn);

/** Writes the counters and their state unless already so; false when another writer wrote them since `stored` was read. */
async function write(ctx: TenantContext, type: ContactType, contactId: Types.ObjectId, stored: Stored, counters: ContactCounters, state: CountersState, opts: WriteOptions): Promise<boolean> {
  const sameCounters = (stored.communication_count ?? 0) === counters.communication_count && ms(stored.last_contacted) === ms(counters.last_contacted);
  const old = stored.counters_state;
  // The ledger's revisions may be older for the same ids: it says the same of every event.
  const ids = (l: { applied?: string[] | null } | null | undefined) => [...(l?.applied ?? [])].map((e) => e.slice(e.indexOf(":") + 1)).sort().join(",");
  const sameState =
    old?.applied_floor === state.applied_floor && ids(old) === ids(state) && ms(old?.max_sent) === ms(state.max_sent) && ms(old?.newest_created) === ms(state.newest_created) && ms(old?.newest_share) === ms(state.newest_share);
  if (sameCounters && sameState) return true;
  await opts.beforeWrite?.();
  const last = counters.last_contacted;
  const next = { ...state, version: nextVersion(old?.version) };
  const res = await scoped(ctx, CONTACTS[type]).updateOne(
    { _id: contactId, ...atVersion("counters_state.version", old?.version) },
    last
      ? { $set: { communication_count: counters.communication_count, last_contacted: last, counters_state: next } }
      : { $set: { communication_count: counters.communication_count, counters_state: next }, $unset: { last_contacted: 1 } },
  );
  return res.matchedCount > 0;
}

const readStored = (ctx: TenantContext, type: ContactType, contactId: Types.ObjectId) =>
  scoped(ctx, CONTACTS[type]).findById(String(contactId), { communication_count: 1, last_contacted: 1, counters_state: 1 }).lean<Stored | null>();

/** The recompute from every message of the contact (under the lock, or not when a holder is stuck), again while another writer wrote meanwhile. */
async function recompute(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType, opts: WriteOptions = {}): Promise<ContactCounters> {
  const counters = await untilWritten(() => recomputeOnce(ctx, contactId, type, opts));
  if (counters) return counters;
  throw new Error(`counters of ${type} ${String(contactId)}: written by others ${WRITE_TRIES} times while recounting`);
}

async function recomputeOnce(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType, opts: WriteOptions): Promise<ContactCounters | null> {
  // The stored version first, then the messages: a write made after this reading changes the version.
  const stored = await readStored(ctx, type, contactId);
  // One read of the contact's messages, counted and compared here: FerretDB counts and sorts in its
  // own process after reading every matching message anyway, so three queries read them three times.
  const messages = await scoped(ctx, Communication).find({ recipient_type: type, recipient_id: contactId }, { status: 1, sent_at: 1, created_at: 1, rev: 1 }).lean<Message[]>();
  let f: Folded = { maxSent: null, newestCreated: null, newestShare: null };
  for (const m of messages) f = fold(f, m);
  const counters = { communication_count: messages.length, last_contacted: lastOf(f) };
  // A contact deleted meanwhile has nothing to count; one already right is not written again.
  if (!stored) return counters;
  const state = stateOf(ledgerOfRecompute(messages.map((m) => ({ id: String(m._id), rev: m.rev }))), f);
  return (await write(ctx, type, contactId, stored, counters, state, opts)) ? counters : null;
}

/**
 * Derives a lead's or buyer's communication_count and last_contacted from all its communications
 * (never $inc: concurrent increments can lose updates on FerretDB), and writes them only when they
 * differ from what is stored. last_contacted is the latest outbound message or call, or the latest
 * answered inbound one: the latest send among the messages that contacted (not scheduled, not
 * failed), or the latest of those messages' own time (its send, else its creation) when later.
 * Run by the contact-counters subscriber on every communication change but a new message, and as
 * the repair path of addNewCommunications.
 */
export async function refreshContactCounters(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType = "lead", opts: WriteOptions = {}): Promise<ContactCounters> {
  return withCountersLock(ctx, type, contactId, () => recompute(ctx, contactId, type, opts));
}

/**
 * Adds the messages one event created (`ids`, at revision `rev`) to the contact's counters without
 * reading its other messages, exactly once each (the ledger in `counters_state`), so a batch of
 * inbound texts costs the same however long the contact's history. Recomputes when the ledger
 * cannot say (an event older than it remembers, a contact without one yet) or the lock is not held.
 */
export async function addNewCommunications(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType, rev: number, ids: readonly string[], opts: WriteOptions = {}): Promise<void> {
  await withCountersLock(ctx, type, contactId, async (held) => {
    if (!(await untilWritten(() => addOnce(ctx, contactId, type, held, rev, ids, opts)))) await recompute(ctx, contactId, type);
  });
}

/** One incremental apply of new messages; false when another writer wrote the counters after they were read. */
async function addOnce(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType, held: boolean, rev: number, ids: readonly string[], opts: WriteOptions): Promise<boolean> {
  const stored = await readStored(ctx, type, contactId);
  if (!stored) return true;
  const state = stored.counters_state;
  const ledger: Ledger | null = readLedger(state);
  if (!held || !state || !ledger) return Boolean(await recompute(ctx, contactId, type));
  const { fresh, unknown } = classify(ledger, rev, ids);
  if (unknown.length) return Boolean(await recompute(ctx, contactId, type));
  if (!fresh.length) return true;
  const found = await findByIds<Message & { recipient_type?: string; recipient_id?: unknown }>(ctx, Communication, fresh, {
    status: 1, sent_at: 1, created_at: 1, recipient_type: 1, recipient_id: 1,
  });
  // Moved to another contact or deleted since: that change's own event recounts.
  const mine = found.filter((m) => m.recipient_type === type && String(m.recipient_id) === String(contactId));
  if (!mine.length) return true;
  let f: Folded = { maxSent: ms(state.max_sent), newestCreated: ms(state.newest_created), newestShare: ms(state.newest_share) };
  for (const m of mine) f = fold(f, m);
  const counters = { communication_count: (stored.communication_count ?? 0) + mine.length, last_contacted: lastOf(f) };
  return write(ctx, type, contactId, stored, counters, stateOf(recordApplied(ledger, rev, mine.map((m) => String(m._id))), f), opts);
}

/** A message's status change as its event kept it: the values before (sent_at only when the change wrote it). */
export type StatusBefore = { id: string; before: { status?: unknown; sent_at?: unknown } };

/**
 * Applies status changes of the contact's messages (a Twilio callback, a call's progress) to
 * last_contacted without reading its other messages; the count does not depend on a status. A
 * message that still contacts, its send time unchanged or later, is folded in again as it is now
 * (a fold of maxima: a repeated or late callback changes nothing). A message that stopped
 * contacting (failed) is taken out only when it cannot have been the latest (created before the
 * newest, sent before the latest send); otherwise, and when a send time moved back or the contact
 * has no state yet or the lock was not held, the counters are recounted.
 */
export async function applyStatusChanges(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType, changes: readonly StatusBefore[]): Promise<void> {
  await withCountersLock(ctx, type, contactId, async (held) => {
    if (await untilWritten(() => statusOnce(ctx, contactId, type, held, changes))) return;
    await recompute(ctx, contactId, type);
  });
}

async function statusOnce(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType, held: boolean, changes: readonly StatusBefore[]): Promise<boolean> {
  const stored = await readStored(ctx, type, contactId);
  if (!stored) return true;
  const state = stored.counters_state;
  const ledger = readLedger(state);
  if (!held || !state || !ledger) return Boolean(await recompute(ctx, contactId, type));
  // Read after the counters: never older than what the write that made this version read.
  const found = await findByIds<Message & { recipient_type?: string; recipient_id?: unknown }>(ctx, Communication, changes.map((c) => c.id), {
    status: 1, sent_at: 1, created_at: 1, recipient_type: 1, recipient_id: 1,
  });
  const now = new Map(found.map((m) => [String(m._id), m]));
  let f: Folded = { maxSent: ms(state.max_sent), newestCreated: ms(state.newest_created), newestShare: ms(state.newest_share) };
  for (const { id, before } of changes) {
    const m = now.get(id);
    if (!m || m.recipient_type !== type || String(m.recipient_id) !== String(contactId)) return Boolean(await recompute(ctx, contactId, type));
    const sentBefore = before.sent_at ? ms(new Date(before.sent_at as string)) : null;
    const sentNow = ms(m.sent_at);
    const created = ms(m.created_at) ?? 0;
    if (contacts(m)) {
      // Its earlier parts are at most its parts now: folding it again is exact.
      const forward = (sentBefore === null || (sentNow !== null && sentNow >= sentBefore)) && (sentNow === null || sentNow >= created);
      if (!forward) return Boolean(await recompute(ctx, contactId, type));
      f = fold(f, m);
    } else {
      const sent = maxMs(sentBefore, sentNow);
      const irrelevant = f.newestCreated !== null && created < f.newestCreated && (sent === null || (f.maxSent !== null && sent < f.maxSent));
      if (!irrelevant) return Boolean(await recompute(ctx, contactId, type));
    }
  }
  const counters = { communication_count: stored.communication_count ?? 0, last_contacted: lastOf(f) };
  return write(ctx, type, contactId, stored, counters, stateOf(ledger, f), {});
}
