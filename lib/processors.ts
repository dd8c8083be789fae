import type { Processor } from "bullmq";
import type { JobSchedule } from "@/lib/core/jobs/schedules";
import { DOMAIN_EVENTS_QUEUE } from "@/lib/core/events/queue";
import { deliverEvent } from "@/lib/core/events/deliver";
import { sweepEvents } from "@/lib/core/events/sweep";
import { READ_MODELS_QUEUE, type ReadModelBuildJob } from "@/lib/core/read-models/queue";
import { readModelNamed } from "@/lib/core/read-models/read-model";
import "@/lib/read-models";
import { BUYER_BOXES_MODEL, buildBuyerBoxes } from "@/lib/matching/buyer-box-index";
import { BUYER_HISTORIES_MODEL, buildBuyerHistories } from "@/lib/matching/buyer-histories";
import { buildOpenProperties, OPEN_PROPERTIES_MODEL } from "@/lib/matching/open-properties";
import { LEAD_IMPORT_QUEUE } from "@/lib/leads/import/queue";
import { processLeadImportJob } from "@/lib/leads/import/import-job";
import { SEND_QUEUE } from "@/lib/communications/send/queue";
import { processSendJob } from "@/lib/communications/send/send-job";
import { PRICE_QUEUE, processPriceJob } from "@/lib/communications/send/price-job";
import { INBOUND_CONCURRENCY, INBOUND_QUEUE, processInboundJob } from "@/lib/communications/inbound/inbound-sms";
import { BULK_TEXT_QUEUE, processBulkTextJob } from "@/lib/communications/bulk/bulk-text";
import { sweepPendingSends, SWEEP_SENDS_EVERY_MS, SWEEP_SENDS_JOB } from "@/lib/communications/send/sweep";
import { MAINTENANCE_EVERY_MS, MAINTENANCE_QUEUE, runMaintenance, SWEEP_EVENTS_EVERY_MS, SWEEP_EVENTS_JOB } from "./maintenance";

/** Matching's read models (lib/matching/shared-rows.ts), built on the same queue. */
const matchingBuilders: Record<string, (tenantId: string) => Promise<unknown>> = {
  [BUYER_BOXES_MODEL]: (tenantId) => buildBuyerBoxes({ tenantId }),
  [OPEN_PROPERTIES_MODEL]: (tenantId) => buildOpenProperties({ tenantId }),
  [BUYER_HISTORIES_MODEL]: (tenantId) => buildBuyerHistories({ tenantId }),
};

/** Queue name → processor. Each feature adds its queue here. */
export const processors: Record<string, Processor> = {
  [LEAD_IMPORT_QUEUE]: processLeadImportJob,
  [SEND_QUEUE]: processSendJob,
  [PRICE_QUEUE]: processPriceJob,
  [INBOUND_QUEUE]: processInboundJob,
  [BULK_TEXT_QUEUE]: processBulkTextJob,
  [MAINTENANCE_QUEUE]: (job) => (job.name === SWEEP_EVENTS_JOB ? sweepEvents() : job.name === SWEEP_SENDS_JOB ? sweepPendingSends() : runMaintenance()),
  [DOMAIN_EVENTS_QUEUE]: (job) => deliverEvent(job.data.eventId),
  [READ_MODELS_QUEUE]: async (job) => {
    const { model, tenantId } = job.data as ReadModelBuildJob;
    const readModel = readModelNamed(model);
    if (readModel) return readModel.build({ tenantId });
    const matching = matchingBuilders[model];
    if (!matching) throw new Error(`no read model named ${model}`);
    return matching(tenantId);
  },
};

/**
 * Jobs one worker runs at once, per queue (2 when not named here). Texts and inbound webhooks
 * mostly wait on Twilio and the database, so they run more at a time: the company's pace is kept
 * in Redis (send permits) and each text's single send by its attempt claim, not by how many jobs
 * run at once.
 */
export const concurrency: Record<string, number> = { [SEND_QUEUE]: 8, [INBOUND_QUEUE]: INBOUND_CONCURRENCY };

/** Repeatable jobs: the worker upserts them at its start and again whenever its Redis comes back (lib/core/jobs/schedules.ts). */
export const schedules: readonly JobSchedule[] = [
  { queue: MAINTENANCE_QUEUE, id: "hourly", every: MAINTENANCE_EVERY_MS, job: "purge-expired" },
  { queue: MAINTENANCE_QUEUE, id: "event-sweep", every: SWEEP_EVENTS_EVERY_MS, job: SWEEP_EVENTS_JOB },
  // Texts whose send job Redis lost: queued again from the database (first run at start).
  { queue: MAINTENANCE_QUEUE, id: "send-sweep", every: SWEEP_SENDS_EVERY_MS, job: SWEEP_SENDS_JOB },
];
