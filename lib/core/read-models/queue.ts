import { sharedQueue } from "@/lib/core/jobs/connection";

export const READ_MODELS_QUEUE = "read-models";
export type ReadModelBuildJob = { model: string; tenantId: string };

/**
 * Asks the worker to build a tenant's read model. The job id names the model and the tenant, so
 * a thousand requests asking at once queue one build.
 */
export async function enqueueReadModelBuild(model: string, tenantId: string): Promise<void> {
  await sharedQueue(READ_MODELS_QUEUE).add("build", { model, tenantId } satisfies ReadModelBuildJob, {
    jobId: `${model}-${tenantId}`,
    attempts: 3,
    backoff: { type: "exponential", delay: 2000 },
    removeOnComplete: true,
    removeOnFail: 100,
  });
}
