import { Queue } from "bullmq";
import { createHash } from "node:crypto";
import { mongodbUri, redisUrl } from "@/lib/core/env";

/** BullMQ's Redis connection options (workers need maxRetriesPerRequest: null). */
export function jobConnection() {
  return { url: redisUrl(), maxRetriesPerRequest: null };
}

/**
 * BullMQ's key prefix. Jobs carry ids of one database, so each database gets its own job
 * namespace: a dev worker and the browser tests' worker sharing a Redis never take each
 * other's jobs. BULLMQ_PREFIX overrides it.
 */
export function queuePrefix(): string {
  return process.env.BULLMQ_PREFIX ?? `dc-${createHash("sha256").update(mongodbUri()).digest("hex").slice(0, 10)}`;
}

const queues = ((globalThis as unknown as { __dcQueues?: Map<string, Queue> }).__dcQueues ??= new Map());

/** One producer per queue and process (the dev server reloads modules, so they live on globalThis). */
export function sharedQueue(name: string): Queue {
  let queue = queues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection: jobConnection(), prefix: queuePrefix() });
    queues.set(name, queue);
  }
  return queue;
}

/** Closes a queue's producer (tests, scripts). */
export async function closeSharedQueue(name: string): Promise<void> {
  await queues.get(name)?.close();
  queues.delete(name);
}
