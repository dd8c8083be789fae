import type { Types } from "mongoose";
import type { EventActor } from "./actor";

/**
 * One document's values around a change, where the data layer read them anyway: `before` (read
 * under the document's lock, before the write) and `after` (written or read back), each holding
 * the top-level fields the change wrote plus the identifying ones (IDENTITY_PATHS in plugin.ts:
 * name, tags, recipient). Absent when the change was too big to keep them (a write of thousands of
 * documents), for bulkWrite and inserts, and for events settled by the sweep.
 */
export type EventState = { id: Types.ObjectId; before?: Record<string, unknown>; after?: Record<string, unknown> };

/** A domain event as subscribers receive it. */
export type DomainEventRecord = {
  _id: Types.ObjectId;
  tenant_id: Types.ObjectId;
  resource: string;
  kind: "created" | "updated" | "deleted";
  ids: Types.ObjectId[];
  changes: { path: string; before?: unknown; after?: unknown }[];
  actor: EventActor;
  rev: number;
  states?: EventState[];
  /** What the writer said about the change (a bulk change's id, a restore's batch), for the activity log. */
  meta?: Record<string, unknown>;
  /** When it was stored (absent on the inline run, which happens right after the write). */
  created_at?: Date;
};

/**
 * Something that reacts to changes: a read model, the activity log, a counter, an automation
 * trigger. Delivery is at least once and in no guaranteed order, so a handler must be idempotent
 * and order-insensitive (read the current state, compare revisions). `inline` handlers also run
 * right after the write, in the writer's process, so the writer reads its own change at once;
 * the worker delivers to them as well when that inline run failed.
 */
export type Subscriber = {
  name: string;
  resources: readonly string[];
  inline?: boolean;
  handle(event: DomainEventRecord): Promise<void>;
};

const registry = ((globalThis as unknown as { __dcSubscribers?: Map<string, Subscriber> }).__dcSubscribers ??= new Map());

/** Registers a subscriber (modules call this from their own folder; the name is its identity). */
export function subscribe(subscriber: Subscriber): void {
  registry.set(subscriber.name, subscriber);
}

export function subscribersFor(resource: string): Subscriber[] {
  return [...registry.values()].filter((s) => s.resources.includes(resource));
}
