import type { Processor } from "bullmq";

/** Queue name → processor. Each feature adds its queue here. */
export const processors: Record<string, Processor> = {};
