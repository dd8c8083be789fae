import { Types } from "mongoose";
import { DomainEvent } from "@/models/domain-event";
import { loadSubscribers } from "./load-subscribers";
import { subscribersFor, type DomainEventRecord } from "./subscribers";

/**
 * The worker's delivery of one event: every subscriber of its resource that has not handled it
 * yet, each recorded as it succeeds. Any failure makes the job fail after the others ran, so
 * BullMQ retries it (with backoff) for the failed ones only; nothing is swallowed.
 */
export async function deliverEvent(eventId: string): Promise<{ delivered: string[] }> {
  await loadSubscribers();
  const event = (await DomainEvent.collection.findOne({ _id: new Types.ObjectId(eventId) })) as (DomainEventRecord & { delivered: string[] }) | null;
  if (!event) return { delivered: [] };
  const failures: string[] = [];
  const delivered: string[] = [];
  for (const sub of subscribersFor(event.resource)) {
    if (event.delivered.includes(sub.name)) continue;
    try {
      await sub.handle(event);
      await DomainEvent.collection.updateOne({ _id: event._id }, { $addToSet: { delivered: sub.name } });
      delivered.push(sub.name);
    } catch (err) {
      console.error(`[events] ${sub.name} failed on ${event.resource}.${event.kind} ${eventId}:`, err);
      failures.push(`${sub.name}: ${(err as Error)?.message ?? err}`);
    }
  }
  if (failures.length) throw new Error(`event ${eventId} not delivered to ${failures.join("; ")}`);
  await DomainEvent.collection.updateOne({ _id: event._id }, { $set: { dispatched_at: new Date() } });
  return { delivered };
}
