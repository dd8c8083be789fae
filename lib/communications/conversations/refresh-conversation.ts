import "server-only";
import mongoose, { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext } from "@/lib/core/db/tenant-context";
import { withRedisLock } from "@/lib/core/redis-lock";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Conversation } from "@/models/conversation";
import { Lead } from "@/models/lead";
import { conversationFields, isUnread, needsReview, previewOf, taggedDoNotContact, type MessageFacts } from "./conversation-fields";
import { announceConversation } from "./inbox-channel";
import { classify, ledgerOfRecompute, readLedger, recordApplied, storeLedger, type StoredLedger } from "@/lib/core/events/applied-ledger";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { atVersion, nextVersion, untilWritten, WRITE_TRIES, type WriteOptions } from "@/lib/core/db/versioned-write";
import { noteConversationsChanged } from "./conversation-read-model";

export type ContactKey = { tenantId: string; contactType: "lead" | "buyer"; contactId: string };

const LOCK_MS = 10_000;

/**
 * One change of a conversation at a time (web processes and the worker alike), so writers seldom
 * meet. Correctness does not rest on it: every write names the row's version it read (`atVersion`)
 * and changes nothing when another writer wrote since, so a holder stalled past the lock's expiry
 * cannot write its older reading over a newer one; it reads again. Without the lock (a stuck
 * holder) the row is recomputed.
 */
const withConversationLock = <T>(key: ContactKey, fn: (held: boolean) => Promise<T>) =>
  withRedisLock(`conversation:${key.tenantId}:${key.contactType}:${key.contactId}`, LOCK_MS, fn);

/** Whether the company has this number on its opt-out list (the compliance module's, when present). */
async function numberOptedOut(tenantId: string, phone: string | null | undefined): Promise<boolean> {
  const OptOut = mongoose.models.OptOut;
  if (!phone || !OptOut) return false;
  return (await OptOut.exists({ tenant_id: new Types.ObjectId(tenantId), number: phone, opted_out: true })) !== null;
}

type Ctx = ReturnType<typeof systemContext>;
type CountedMessage = MessageFacts & { _id: Types.ObjectId; rev?: number; read_at?: Date | null; review?: { flagged_at?: Date | null; resolved_at?: Date | null } | null };
type StoredRow = StoredLedger & {
  _id: Types.ObjectId;
  version?: number | null;
  last_at?: Date;
  last_id?: Types.ObjectId | null;
  last_preview?: string;
  last_type?: string;
  last_direction?: string;
  last_status?: string;
  message_count?: number;
  unread?: number;
  needs_review?: boolean;
};
type Before = { _id: Types.ObjectId; version?: number | null } | null;
/** The row as read (a row written before versions has none): a write's filter, so it applies only if nobody wrote since. */
const rowAt = (stored: Before) => atVersion("version", stored?.version);
const ROW_PROJECTION = {
  _id: 1, version: 1, last_at: 1, last_id: 1, last_preview: 1, last_type: 1, last_direction: 1, last_status: 1,
  message_count: 1, unread: 1, needs_review: 1, applied_floor: 1, applied: 1,
} as const;

const LAST_PROJECTION = { type: 1, direction: 1, status: 1, content: 1, duration: 1, media_urls: 1, created_at: 1 } as const;

/** Which message the inbox shows as the conversation's last: the latest created, the larger id among equal times. */
export function newerThan(a: { created_at?: Date | null; _id: unknown }, b: { created_at?: Date | null; _id: unknown } | null | undefined): boolean {
  if (!b) return true;
  const at = a.created_at ? new Date(a.created_at).getTime() : 0;
  const bt = b.created_at ? new Date(b.created_at).getTime() : 0;
  return at !== bt ? at > bt : String(a._id) > String(b._id);
}

async function readContact(ctx: Ctx, key: ContactKey, contactId: Types.ObjectId) {
  return key.contactType === "lead"
    ? scoped(ctx, Lead).findOne({ _id: contactId }, { name: 1, phone: 1, assigned_to: 1, tags: 1 }).lean()
    : scoped(ctx, Buyer).findOne({ _id: contactId }, { name: 1, phone: 1 }).lean();
}

async function contactFields(key: ContactKey, contact: Record<string, any>) {
  return { optedOut: taggedDoNotContact(contact) || (await numberOptedOut(key.tenantId, contact.phone)) };
}

const readRow = (ctx: Ctx, key: ContactKey, contactId: Types.ObjectId) =>
  scoped(ctx, Conversation).findOne({ contact_type: key.contactType, contact_id: contactId }, ROW_PROJECTION).lean<StoredRow | null>();

/**
 * Recomputes one contact's inbox row from its communications and the contact (reading every
 * message of the contact: the cost grows with its history), writes it with the ledger of what it
 * counted, or removes it when nothing is left. The path for every change but a new message or a
 * status, and the repair path of the incremental ones. `before` is the row as read before the
 * messages were: when another writer wrote the row since, this writes nothing, reads again and
 * recomputes again.
 */
async function recompute(ctx: Ctx, key: ContactKey, contactId: Types.ObjectId, first: Before, opts: WriteOptions = {}): Promise<string[]> {
  let attempt = 0;
  const written = await untilWritten(async () => recomputeOnce(ctx, key, contactId, attempt++ === 0 ? first : await readRow(ctx, key, contactId), opts));
  if (written) return written;
  throw new Error(`inbox row of ${key.contactType} ${key.contactId}: written by others ${WRITE_TRIES} times while recomputing`);
}

/** One recompute from `before` (read before the messages); null when another writer wrote the row since. */
async function recomputeOnce(ctx: Ctx, key: ContactKey, contactId: Types.ObjectId, before: Before, opts: WriteOptions): Promise<string[] | null> {
  const where = { recipient_type: key.contactType, recipient_id: contactId };
  const row = { contact_type: key.contactType, contact_id: contactId };
  const conversations = scoped(ctx, Conversation);
  const comms = scoped(ctx, Communication);
  // One read of the contact's messages (without their bodies), counted here: FerretDB counts,
  // sorts and tests `$exists` in its own process after reading every matching message anyway.
  const [messages, contact] = await Promise.all([
    comms.find(where, { status: 1, direction: 1, read_at: 1, review: 1, created_at: 1, rev: 1 }).lean<CountedMessage[]>(),
    readContact(ctx, key, contactId),
  ]);
  let newest: CountedMessage | undefined;
  for (const m of messages) if (m.status !== "scheduled" && newerThan(m, newest)) newest = m;
  const last = newest && ((await comms.findOne({ _id: newest._id }, LAST_PROJECTION).lean()) as MessageFacts | null);
  await opts.beforeWrite?.();
  if (!newest || !last || !contact) {
    // No row read: none to remove (one written since was written from a later reading).
    if (!before) return [];
    const res = await conversations.deleteOne({ ...row, ...rowAt(before) });
    return res.deletedCount ? [String(before._id)] : null;
  }
  const counts = { messages: messages.length, unread: messages.filter(isUnread).length, needsReview: messages.some(needsReview) };
  const c = contact as Record<string, any>;
  const { optedOut } = await contactFields(key, c);
  const ledger = ledgerOfRecompute(messages.map((m) => ({ id: String(m._id), rev: m.rev })));
  const set = { ...conversationFields(last, counts, c, optedOut), last_id: newest._id, ...storeLedger(ledger), version: nextVersion(before?.version) };
  if (before) {
    const res = await conversations.updateOne({ ...row, ...rowAt(before) }, { $set: set });
    return res.matchedCount ? [String(before._id)] : null;
  }
  // No row read: created here, unless another writer created it since (the unique key refuses
  // the insert; FerretDB does not say 11000 for it, so any refusal reads again and retries).
  try {
    const res = await conversations.updateOne({ ...row, version: { $exists: false } }, { $set: set }, { upsert: true });
    const id = res.upsertedId ?? (await conversations.findOne(row, { _id: 1 }).lean())?._id;
    return id ? [String(id)] : [];
  } catch (err) {
    if (await conversations.exists(row)) return null;
    throw err;
  }
}

/**
 * Recomputes one contact's inbox row from its communications and the contact itself, writes it
 * (or removes it when nothing is left), and tells the company's open inboxes.
 */
export async function refreshConversation(key: ContactKey, opts: WriteOptions = {}): Promise<void> {
  if (!Types.ObjectId.isValid(key.contactId)) return;
  const ctx = systemContext(key.tenantId, "job", undefined, undefined, "Inbox");
  const contactId = new Types.ObjectId(key.contactId);
  const changed = await withConversationLock(key, async () => recompute(ctx, key, contactId, await readRow(ctx, key, contactId), opts));
  await announce(key, changed);
}

/**
 * Adds the messages one event created (`ids`, at revision `rev`) to the contact's inbox row
 * without reading its other messages: the count, the unread count and the review flag grow by
 * what is new, and the last message changes only for a newer one, so a batch costs the same
 * however long the contact's history. Exactly once per message: the row's ledger
 * (lib/core/events/applied-ledger.ts) says which it counted already (a redelivered event changes
 * nothing). Recomputes instead when the ledger cannot say (an event older than it remembers), the
 * row has none yet (no row, or one written before it), or the lock was not held.
 */
export async function applyNewMessages(key: ContactKey, rev: number, ids: readonly string[], opts: WriteOptions = {}): Promise<void> {
  if (!Types.ObjectId.isValid(key.contactId)) return;
  const ctx = systemContext(key.tenantId, "job", undefined, undefined, "Inbox");
  const contactId = new Types.ObjectId(key.contactId);
  const changed = await withConversationLock(key, async (held) => {
    const written = await untilWritten(() => addOnce(ctx, key, contactId, held, rev, ids, opts));
    return written ?? recompute(ctx, key, contactId, await readRow(ctx, key, contactId));
  });
  await announce(key, changed);
}

/** One incremental apply of new messages; null when another writer wrote the row after it was read. */
async function addOnce(ctx: Ctx, key: ContactKey, contactId: Types.ObjectId, held: boolean, rev: number, ids: readonly string[], opts: WriteOptions): Promise<string[] | null> {
  const row = { contact_type: key.contactType, contact_id: contactId };
  const conversations = scoped(ctx, Conversation);
  const stored = await readRow(ctx, key, contactId);
  const ledger = readLedger(stored);
  if (!held || !stored || !ledger || !stored.last_id) return recompute(ctx, key, contactId, stored);
  const { fresh, unknown } = classify(ledger, rev, ids);
  if (unknown.length) return recompute(ctx, key, contactId, stored);
  if (!fresh.length) return [];
  // The new messages as they are now (read since, moved to another contact or deleted: the
  // event of that change recomputes), each by its id, and the contact as it is.
  const [found, contact] = await Promise.all([
    findByIds<CountedMessage & { recipient_type?: string; recipient_id?: unknown }>(ctx, Communication, fresh, {
      ...LAST_PROJECTION, read_at: 1, review: 1, recipient_type: 1, recipient_id: 1,
    }),
    readContact(ctx, key, contactId),
  ]);
  if (!contact) return recompute(ctx, key, contactId, stored);
  const mine = found.filter((m) => m.recipient_type === key.contactType && String(m.recipient_id) === key.contactId);
  if (!mine.length) return [];
  let last: CountedMessage | null = null;
  for (const m of mine) if (m.status !== "scheduled" && newerThan(m, last ?? { created_at: stored.last_at, _id: stored.last_id })) last = m;
  const c = contact as Record<string, any>;
  const { optedOut } = await contactFields(key, c);
  const counts = {
    messages: (stored.message_count ?? 0) + mine.length,
    unread: (stored.unread ?? 0) + mine.filter(isUnread).length,
    needsReview: stored.needs_review === true || mine.some(needsReview),
  };
  const fields = conversationFields(last ?? { created_at: stored.last_at }, counts, c, optedOut);
  // The last message's fields only when a new one is the last; the rest always.
  const { last_at, last_preview, last_type, last_direction, last_status, ...always } = fields;
  const lastFields = last ? { last_at, last_preview, last_type, last_direction, last_status, last_id: last._id } : {};
  const nextLedger = recordApplied(ledger, rev, mine.map((m) => String(m._id)));
  await opts.beforeWrite?.();
  const res = await conversations.updateOne({ ...row, ...rowAt(stored) }, { $set: { ...always, ...lastFields, ...storeLedger(nextLedger), version: nextVersion(stored.version) } });
  return res.matchedCount ? [String(stored._id)] : null;
}

/**
 * Applies status changes of messages (`ids`: a Twilio callback's queued → sent → delivered,
 * undelivered or failed, a call's ringing → answered or missed) to the contact's inbox row
 * without reading its other messages. Of the row only the last message's status and preview
 * depend on a status (counts, unread and review do not, and the last message changes only when a
 * message leaves or joins "scheduled", which the subscriber recomputes), so a change of any other
 * message writes nothing, and one of the last message writes its fields as the message is now:
 * a callback repeated or delivered late writes what is already there (nothing), and as a message's
 * status only moves forward, what it reads is never older than what an earlier apply wrote.
 * Recomputes when the row has no last message yet, the message moved or the lock was not held.
 */
export async function applyStatusChanges(key: ContactKey, ids: readonly string[], opts: WriteOptions = {}): Promise<void> {
  if (!Types.ObjectId.isValid(key.contactId)) return;
  const ctx = systemContext(key.tenantId, "job", undefined, undefined, "Inbox");
  const contactId = new Types.ObjectId(key.contactId);
  const changed = await withConversationLock(key, async (held) => {
    const written = await untilWritten(() => statusOnce(ctx, key, contactId, held, ids, opts));
    return written ?? recompute(ctx, key, contactId, await readRow(ctx, key, contactId));
  });
  if (changed.length) await announce(key, changed);
}

async function statusOnce(ctx: Ctx, key: ContactKey, contactId: Types.ObjectId, held: boolean, ids: readonly string[], opts: WriteOptions): Promise<string[] | null> {
  const stored = await readRow(ctx, key, contactId);
  if (!held || !stored?.last_id) return recompute(ctx, key, contactId, stored);
  if (!ids.map(String).includes(String(stored.last_id))) return [];
  // Read after the row: never older than what the write that made this version read.
  const [m] = await findByIds<CountedMessage & { recipient_type?: string; recipient_id?: unknown }>(ctx, Communication, [stored.last_id], {
    ...LAST_PROJECTION, recipient_type: 1, recipient_id: 1,
  });
  if (!m || m.recipient_type !== key.contactType || String(m.recipient_id) !== key.contactId || m.status === "scheduled") return recompute(ctx, key, contactId, stored);
  const fields = { last_preview: previewOf(m), last_type: m.type, last_direction: m.direction, last_status: m.status };
  if (fields.last_preview === stored.last_preview && fields.last_type === stored.last_type && fields.last_direction === stored.last_direction && fields.last_status === stored.last_status) return [];
  await opts.beforeWrite?.();
  const res = await scoped(ctx, Conversation).updateOne(
    { contact_type: key.contactType, contact_id: contactId, ...rowAt(stored) },
    { $set: { ...fields, version: nextVersion(stored.version) } },
  );
  return res.matchedCount ? [String(stored._id)] : null;
}

async function announce(key: ContactKey, changed: string[]): Promise<void> {
  // The rows web processes hold (conversation-read-model.ts) read the written row again; before the announcement,
  // so an inbox that hears it and asks again gets the new row.
  await noteConversationsChanged(key.tenantId, changed);
  await announceConversation(key.tenantId, { contactType: key.contactType, contactId: key.contactId, at: new Date().toISOString() });
}
