import "server-only";
import type { JobsOptions } from "bullmq";
import { sharedQueue } from "./connection";

type Waiting = { name: string; data: unknown; opts: JobsOptions; resolve: () => void; reject: (err: unknown) => void };

const MAX_BATCH = 100;
const waiting = new Map<string, Waiting[]>();

async function flush(queueName: string): Promise<void> {
  const batch = waiting.get(queueName) ?? [];
  waiting.delete(queueName);
  if (!batch.length) return;
  try {
    await sharedQueue(queueName).addBulk(batch.map(({ name, data, opts }) => ({ name, data, opts })));
    for (const w of batch) w.resolve();
  } catch (err) {
    for (const w of batch) w.reject(err);
  }
}

/**
 * Queues a job together with the others asked for in the same turn of the event loop: one Redis
 * round trip (BullMQ's addBulk) for a burst instead of one each. A webhook answers only once its
 * job is stored in Redis (the promise resolves after the batch's write), so nothing is acknowledged
 * before it is safe; if the write fails, every caller of the batch gets the error. Job ids keep
 * their meaning: a job whose id is already queued is not added twice.
 */
export function addJobBatched(queueName: string, name: string, data: unknown, opts: JobsOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let batch = waiting.get(queueName);
    if (!batch) {
      batch = [];
      waiting.set(queueName, batch);
      setImmediate(() => void flush(queueName));
    }
    batch.push({ name, data, opts, resolve, reject });
    if (batch.length >= MAX_BATCH) void flush(queueName);
  });
}
