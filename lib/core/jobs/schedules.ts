import { Queue } from "bullmq";
import { Redis } from "ioredis";

/** A repeatable job: `job` is added to `queue` every `every` ms; `id` names the schedule, so upserting it again replaces it. */
export type JobSchedule = { queue: string; id: string; every: number; job: string };

/**
 * Upserts the schedules, and upserts them again each time the connection to Redis is ready after
 * a reconnection: Redis here keeps nothing on disk, so a restart loses them, and a worker that
 * only scheduled at its start would never sweep or purge again until it restarted. Upserting an
 * existing schedule replaces it, so a reconnection to a Redis that kept them changes nothing.
 * Resolves once the first upsert is done; the returned function closes the connection.
 */
export async function keepSchedules(schedules: readonly JobSchedule[], options: { url: string; prefix: string }): Promise<() => Promise<void>> {
  // Our own connection, so its "ready" is ours to watch (a Queue's own is BullMQ's business).
  const redis = new Redis(options.url, { maxRetriesPerRequest: null });
  const queues = new Map<string, Queue>();
  for (const { queue } of schedules) {
    if (queues.has(queue)) continue;
    const q = new Queue(queue, { connection: redis, prefix: options.prefix });
    q.on("error", (err) => console.error(`[worker] schedules on ${queue}: ${err.message}`));
    queues.set(queue, q);
  }

  const upsertAll = async () => {
    for (const s of schedules) await queues.get(s.queue)!.upsertJobScheduler(s.id, { every: s.every }, { name: s.job });
  };
  await upsertAll();
  // The first "ready" has passed by now (the upserts went through): every later one is a reconnection.
  redis.on("ready", () => {
    upsertAll().then(
      () => console.log(`[worker] Redis is back: ${schedules.length} schedules upserted again`),
      (err) => console.error(`[worker] could not upsert the schedules again: ${err instanceof Error ? err.message : err}`),
    );
  });
  return async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
    redis.disconnect();
  };
}
