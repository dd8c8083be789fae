import { sharedQueue } from "@/lib/core/jobs/connection";

export const DOMAIN_EVENTS_QUEUE = "domain-events";

/**
 * Queues an event for the worker. The job id is the event's, so queuing it twice (the writer and
 * the sweep) delivers it once while the job exists; a failed delivery is retried with backoff and
 * stays listed among the queue's failed jobs when it gives up.
 */
export async function enqueueEvent(eventId: string): Promise<void> {
  await sharedQueue(DOMAIN_EVENTS_QUEUE).add("deliver", { eventId }, {
    jobId: eventId,
    attempts: 10,
    backoff: { type: "exponential", delay: 1000 },
    removeOnComplete: 10_000,
    removeOnFail: false,
  });
}
