import { Queue } from "bullmq";
import { jobConnection, queuePrefix } from "@/lib/jobs/connection";

export const DOMAIN_EVENTS_QUEUE = "domain-events";

const cache = globalThis as unknown as { __dcEventQueue?: Queue };

function queue(): Queue {
  cache.__dcEventQueue ??= new Queue(DOMAIN_EVENTS_QUEUE, { connection: jobConnection(), prefix: queuePrefix() });
  return cache.__dcEventQueue;
}

/**
 * Queues an event for the worker. The job id is the event's, so queuing it twice (the writer and
 * the sweep) delivers it once while the job exists; a failed delivery is retried with backoff and
 * stays listed among the queue's failed jobs (visible in /api/health for admins) when it gives up.
 */
export async function enqueueEvent(eventId: string): Promise<void> {
  await queue().add("deliver", { eventId }, {
    jobId: eventId,
    attempts: 10,
    backoff: { type: "exponential", delay: 1000 },
    removeOnComplete: 10_000,
    removeOnFail: false,
  });
}

/** Deliveries that gave up after every retry. */
export async function failedDeliveries(): Promise<number> {
  return queue().getFailedCount();
}

export async function closeEventQueue(): Promise<void> {
  await cache.__dcEventQueue?.close();
  cache.__dcEventQueue = undefined;
}
