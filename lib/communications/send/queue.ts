import "server-only";
import { closeSharedQueue, sharedQueue } from "@/lib/core/jobs/connection";
import { outreachNow } from "../clock";

export const SEND_QUEUE = "communications-send";
export type SendJob = { tenantId: string; communicationId: string; version: number };

/**
 * Queues the send of one stored communication. The job id names the communication and its
 * schedule version, so queuing twice queues once, and a rescheduled or cancelled send leaves its
 * old delayed job to find a newer version (or no longer a pending status) and do nothing.
 */
export async function enqueueSend(job: SendJob, at: Date): Promise<void> {
  await sharedQueue(SEND_QUEUE).add("send", job, {
    jobId: `send-${job.communicationId}-${job.version}`,
    delay: Math.max(0, at.getTime() - outreachNow().getTime()),
    attempts: 8,
    backoff: { type: "exponential", delay: 2000 },
    removeOnComplete: 5000,
    removeOnFail: 5000,
  });
}

export const closeSendQueue = () => closeSharedQueue(SEND_QUEUE);
