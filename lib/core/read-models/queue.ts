import { Queue } from "bullmq";
import { jobConnection, queuePrefix } from "@/lib/jobs/connection";

export const READ_MODELS_QUEUE = "read-models";
export type ReadModelBuildJob = { model: string; tenantId: string };

const cache = globalThis as unknown as { __dcReadModelQueue?: Queue };

function queue(): Queue {
  cache.__dcReadModelQueue ??= new Queue(READ_MODELS_QUEUE, { connection: jobConnection(), prefix: queuePrefix() });
  return cache.__dcReadModelQueue;
}

/**
 * Asks the worker to build a tenant's read model. The job id names the model and the tenant, so
 * a thousand requests asking at once queue one build.
 */
export async function enqueueReadModelBuild(model: string, tenantId: string): Promise<void> {
  await queue().add("build", { model, tenantId } satisfies ReadModelBuildJob, {
    jobId: `${model}-${tenantId}`,
    attempts: 3,
    backoff: { type: "exponential", delay: 2000 },
    removeOnComplete: true,
    removeOnFail: 100,
  });
}

export async function closeReadModelQueue(): Promise<void> {
  await cache.__dcReadModelQueue?.close();
  cache.__dcReadModelQueue = undefined;
}
