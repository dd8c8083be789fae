import type { Processor } from "bullmq";
import { LEAD_IMPORT_QUEUE } from "@/lib/leads/import/queue";
import { processLeadImportJob } from "@/lib/leads/import/import-job";

/** Queue name → processor. Each feature adds its queue here. */
export const processors: Record<string, Processor> = {
  [LEAD_IMPORT_QUEUE]: processLeadImportJob,
};
