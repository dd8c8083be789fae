import type { Processor } from "bullmq";
import { LEAD_IMPORT_QUEUE } from "@/lib/leads/import/queue";
import { processLeadImportJob } from "@/lib/leads/import/import-job";
import { MAINTENANCE_QUEUE, runMaintenance } from "./maintenance";

/** Queue name → processor. Each feature adds its queue here. */
export const processors: Record<string, Processor> = {
  [LEAD_IMPORT_QUEUE]: processLeadImportJob,
  [MAINTENANCE_QUEUE]: () => runMaintenance(),
};
