import "server-only";
import { closeSharedQueue, sharedQueue } from "@/lib/core/jobs/connection";

export const LEAD_IMPORT_QUEUE = "lead-import";
export type LeadImportJob = { tenantId: string; importId: string };

/**
 * Queues an import for the worker. The job id names the import and the attempt, so a double
 * click queues it once, and "resume" after a failure queues a new job that continues from the
 * last committed batch. Retries back off; a worker that dies leaves a stalled job BullMQ hands
 * to the next worker.
 */
export async function enqueueLeadImport(data: LeadImportJob, attempt: number): Promise<void> {
  await sharedQueue(LEAD_IMPORT_QUEUE).add("import", data, {
    jobId: `${data.importId}-${attempt}`,
    attempts: 5,
    backoff: { type: "exponential", delay: 2000 },
    removeOnComplete: 1000,
    removeOnFail: 1000,
  });
}

export const closeLeadImportQueue = () => closeSharedQueue(LEAD_IMPORT_QUEUE);
