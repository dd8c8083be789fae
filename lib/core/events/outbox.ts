import { Types } from "mongoose";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import { DomainEvent } from "@/models/domain-event";
import type { EventActor } from "./actor";
import { enqueueEvent } from "./queue";
import { revisionFloor, revisionKey, TAKE_REVISION } from "./revision";
import { loadSubscribers } from "./load-subscribers";
import { subscribersFor, type DomainEventRecord, type EventState } from "./subscribers";

// The outbox. Before a change, its intent is recorded in Redis together with the revision it
// takes (one round trip); after the change, the event is written to the domain_events collection
// and queued for the worker, and the intent is cleared. A writer that dies in between leaves its
// intent behind, and the sweep (sweep.ts) settles it from the documents that carry its revision.
// Nothing can change without either an intent or an event.

export type OpenEvent = {
  _id: Types.ObjectId;
  tenant_id: Types.ObjectId;
  resource: string;
  kind: DomainEventRecord["kind"];
  rev: number;
  actor: EventActor;
  changes: DomainEventRecord["changes"];
  ids: Types.ObjectId[];
  meta?: Record<string, unknown>;
};

export const pendingKey = () => `${redisKeyPrefix()}:events:pending`;

// The tenant's next revision (as revision.ts takes it) and the intent, atomically. ARGV: clock floor,
// intent id; the intent's JSON is completed with the revision by the caller's template.
const OPEN = `${TAKE_REVISION}
redis.call('HSET', KEYS[2], ARGV[2], (string.gsub(ARGV[3], '"__REV__"', string.format('%d', rev))))
return rev
`;

export type Intent = Omit<OpenEvent, "_id" | "rev" | "tenant_id" | "ids"> & { tenant_id: string; ids: string[]; rev: number; at: number };

/** Records the intent of a change and returns it with the revision it takes. */
export async function openEvent(event: Omit<OpenEvent, "_id" | "rev">): Promise<OpenEvent> {
  const _id = new Types.ObjectId();
  const tenantId = String(event.tenant_id);
  const intent = JSON.stringify({ ...event, tenant_id: tenantId, ids: event.ids.map(String), rev: "__REV__", at: Date.now() });
  const rev = Number(await getRedis().eval(OPEN, 2, revisionKey(tenantId), pendingKey(), revisionFloor(), String(_id), intent));
  return { ...event, _id, rev };
}

/**
 * After the change: the inline subscribers run, the event is stored and queued, the intent
 * cleared. Never throws: the change is made, and whatever fails here is settled by the sweep from
 * the intent left behind, so it is logged, not lost.
 */
export async function closeEvent(event: OpenEvent, ids: Types.ObjectId[], states?: EventState[]): Promise<void> {
  try {
    if (ids.length) {
      const written = new Set(ids.map(String));
      const kept = states?.filter((s) => written.has(String(s.id)));
      const record: DomainEventRecord = { ...event, ids, ...(kept?.length ? { states: kept } : {}) };
      const delivered = await deliverInline(record);
      await storeEvent(record, delivered);
    }
    await getRedis().hdel(pendingKey(), String(event._id));
  } catch (err) {
    console.error(`[events] ${event.resource}.${event.kind} ${event._id} left for the sweep:`, err);
  }
}

/** Stores an event (once: a second store of the same id is a no-op) and queues it. */
export async function storeEvent(record: DomainEventRecord, delivered: string[] = []): Promise<void> {
  await DomainEvent.collection
    .insertOne({ ...record, delivered, created_at: new Date() })
    .catch((err: { code?: number }) => {
      if (err.code !== 11000) throw err;
    });
  await enqueueEvent(String(record._id));
}

/** A write that failed changes nothing: its intent goes (or the sweep finds nothing for it). */
export async function voidEvent(event: OpenEvent): Promise<void> {
  await getRedis().hdel(pendingKey(), String(event._id)).catch(() => undefined);
}

/** Runs the inline subscribers; returns the names that succeeded (the worker skips those). */
async function deliverInline(event: DomainEventRecord): Promise<string[]> {
  await loadSubscribers();
  const done: string[] = [];
  for (const sub of subscribersFor(event.resource)) {
    if (!sub.inline) continue;
    try {
      await sub.handle(event);
      done.push(sub.name);
    } catch (err) {
      console.error(`[events] inline ${sub.name} failed for ${event._id}; the worker will retry:`, err);
    }
  }
  return done;
}
