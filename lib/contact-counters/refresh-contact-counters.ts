import "server-only";
import type { Model, Types } from "mongoose";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { classify, ledgerOfRecompute, readLedger, recordApplied, storeLedger, type Ledger } from "@/lib/core/events/applied-ledger";
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
type CountersState = { applied_floor?: number; applied?: string[]; max_sent?: Date | null; newest_created?: Date | null; newest_share?: Date | null };
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

const withCountersLock = <T>(ctx: TenantContext, type: ContactType, id: Types.ObjectId, fn: (held: boolean) => Promise<T>) =>
  withRedisLock(`contact-counters:${ctx.tenantId}:${type}:${String(id)}`, LOCK_MS, fn);

async function write(ctx: TenantContext, type: ContactType, contactId: Types.ObjectId, stored: Stored, counters: ContactCounters, state: CountersState) {
  const sameCounters = (stored.communication_count ?? 0) === counters.communication_count && ms(stored.last_contacted) === ms(counters.last_contacted);
  const old = stored.counters_state;
  // The ledger's revisions may be older for the same ids: it says the same of every event.
  const ids = (l: { applied?: string[] | null } | null | undefined) => [...(l?.applied ?? [])].map((e) => e.slice(e.indexOf(":") + 1)).sort().join(",");
  const sameState =
    old?.applied_floor === state.applied_floor && ids(old) === ids(state) && ms(old?.max_sent) === ms(state.max_sent) && ms(old?.newest_created) === ms(state.newest_created) && ms(old?.newest_share) === ms(state.newest_share);
  if (sameCounters && sameState) return;
  const last = counters.last_contacted;
  await scoped(ctx, CONTACTS[type]).updateOne(
    { _id: contactId },
    last
      ? { $set: { communication_count: counters.communication_count, last_contacted: last, counters_state: state } }
      : { $set: { communication_count: counters.communication_count, counters_state: state }, $unset: { last_contacted: 1 } },
  );
}

const readStored = (ctx: TenantContext, type: ContactType, contactId: Types.ObjectId) =>
  scoped(ctx, CONTACTS[type]).findById(String(contactId), { communication_count: 1, last_contacted: 1, counters_state: 1 }).lean<Stored | null>();

/** The recompute from every message of the contact (under the lock, or not when a holder is stuck). */
async function recompute(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType): Promise<ContactCounters> {
  // One read of the contact's messages, counted and compared here: FerretDB counts and sorts in its
  // own process after reading every matching message anyway, so three queries read them three times.
  const [messages, stored] = await Promise.all([
    scoped(ctx, Communication).find({ recipient_type: type, recipient_id: contactId }, { status: 1, sent_at: 1, created_at: 1, rev: 1 }).lean<Message[]>(),
    readStored(ctx, type, contactId),
  ]);
  let f: Folded = { maxSent: null, newestCreated: null, newestShare: null };
  for (const m of messages) f = fold(f, m);
  const counters = { communication_count: messages.length, last_contacted: lastOf(f) };
  // A contact deleted meanwhile has nothing to count; one already right is not written again.
  if (!stored) return counters;
  const state = stateOf(ledgerOfRecompute(messages.map((m) => ({ id: String(m._id), rev: m.rev }))), f);
  await write(ctx, type, contactId, stored, counters, state);
  return counters;
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
export async function refreshContactCounters(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType = "lead"): Promise<ContactCounters> {
  return withCountersLock(ctx, type, contactId, () => recompute(ctx, contactId, type));
}

/**
 * Adds the messages one event created (`ids`, at revision `rev`) to the contact's counters without
 * reading its other messages, exactly once each (the ledger in `counters_state`), so a batch of
 * inbound texts costs the same however long the contact's history. Recomputes when the ledger
 * cannot say (an event older than it remembers, a contact without one yet) or the lock is not held.
 */
export async function addNewCommunications(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType, rev: number, ids: readonly string[]): Promise<void> {
  await withCountersLock(ctx, type, contactId, async (held) => {
    const stored = await readStored(ctx, type, contactId);
    if (!stored) return;
    const state = stored.counters_state;
    const ledger: Ledger | null = readLedger(state);
    if (!held || !state || !ledger) return recompute(ctx, contactId, type);
    const { fresh, unknown } = classify(ledger, rev, ids);
    if (unknown.length) return recompute(ctx, contactId, type);
    if (!fresh.length) return;
    const found = await findByIds<Message & { recipient_type?: string; recipient_id?: unknown }>(ctx, Communication, fresh, {
      status: 1, sent_at: 1, created_at: 1, recipient_type: 1, recipient_id: 1,
    });
    // Moved to another contact or deleted since: that change's own event recounts.
    const mine = found.filter((m) => m.recipient_type === type && String(m.recipient_id) === String(contactId));
    if (!mine.length) return;
    let f: Folded = { maxSent: ms(state.max_sent), newestCreated: ms(state.newest_created), newestShare: ms(state.newest_share) };
    for (const m of mine) f = fold(f, m);
    const counters = { communication_count: (stored.communication_count ?? 0) + mine.length, last_contacted: lastOf(f) };
    await write(ctx, type, contactId, stored, counters, stateOf(recordApplied(ledger, rev, mine.map((m) => String(m._id))), f));
  });
}
