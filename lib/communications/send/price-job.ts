import "server-only";
import type { Job } from "bullmq";
import { Types } from "mongoose";
import { systemContext } from "@/lib/core/db/tenant-context";
import { closeSharedQueue, sharedQueue } from "@/lib/core/jobs/connection";
import { twilioClientFor } from "@/lib/providers/twilio/client";
import { priceFields } from "../provider-records";
import { scoped } from "@/lib/core/db/scoped";
import { Communication } from "@/models/communication";

export const PRICE_QUEUE = "communications-price";
export type PriceJob = { tenantId: string; communicationId: string; sid: string };

/** Asks Twilio for a message's or call's price a little later (Twilio sets it after the final status). */
export async function enqueuePriceCheck(job: PriceJob, delayMs = 5_000): Promise<void> {
  await sharedQueue(PRICE_QUEUE).add("price", job, {
    jobId: `price-${job.sid}`,
    delay: delayMs,
    attempts: 6,
    backoff: { type: "exponential", delay: 30_000 },
    removeOnComplete: 5000,
    removeOnFail: 5000,
  });
}

class PriceNotYet extends Error {}

/** Stores Twilio's price on the communication; retries (backing off) while Twilio has none. */
export async function processPriceJob(job: Job<PriceJob>): Promise<"stored" | "none"> {
  const { tenantId, communicationId, sid } = job.data;
  const ctx = systemContext(tenantId, "job", sid, undefined, "Twilio price");
  const twilio = await twilioClientFor(ctx);
  if (!twilio) return "none";
  const resource = sid.startsWith("CA") ? await twilio.client.calls(sid).fetch() : await twilio.client.messages(sid).fetch();
  const fields = priceFields({ price: resource.price, priceUnit: resource.priceUnit });
  if (!Object.keys(fields).length) throw new PriceNotYet(`Twilio has no price for ${sid} yet`);
  await scoped(ctx, Communication).updateOne({ _id: new Types.ObjectId(communicationId) }, { $set: fields });
  return "stored";
}

export const closePriceQueue = () => closeSharedQueue(PRICE_QUEUE);
