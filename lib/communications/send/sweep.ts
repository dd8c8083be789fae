import "server-only";
import type { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext } from "@/lib/core/db/tenant-context";
import { sharedQueue } from "@/lib/core/jobs/connection";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import { Communication } from "@/models/communication";
import { Tenant } from "@/models/tenant";
import { resumeBulkTexts } from "../bulk/bulk-text";
import { outreachNow } from "../clock";
import { enqueueSend, SEND_QUEUE } from "./queue";

// The database is the record of what was asked to be sent; BullMQ only carries the work. Redis
// may lose every job (a restart without persistence, a flush), and a job may stall once too
// often and be failed by BullMQ without our processor saying a word. Either way a stored text
// would wait forever, silently. This sweep (the worker runs it every 30 s, and at start) finds
// such texts and queues them again; the send job then reconciles an interrupted attempt against
// Twilio's message list before sending, so nothing goes twice.

export const SWEEP_SENDS_JOB = "sweep-sends";
export const SWEEP_SENDS_EVERY_MS = 30_000;
/** A text this late past its time whose job is missing or failed is queued again. */
const OVERDUE_MS = 60_000;

type Pending = { _id: Types.ObjectId; send_version?: number | null; scheduled_at?: Date | null };
export type SendSweepReport = { redisLost: boolean; pending: number; requeued: number; bulkResumed: number };

/**
 * Queues again every pending text whose job is gone. A marker key tells whether Redis lost its
 * data since the last sweep: then every pending text (scheduled ones too) is looked at;
 * otherwise only overdue ones (a scheduled text's delayed job is only lost with Redis's data).
 */
export async function sweepPendingSends(): Promise<SendSweepReport> {
  const redis = getRedis();
  const redisLost = (await redis.set(`${redisKeyPrefix()}:send-sweep:marker`, new Date().toISOString(), "NX")) === "OK";
  const queue = sharedQueue(SEND_QUEUE);
  const now = outreachNow();
  const report: SendSweepReport = { redisLost, pending: 0, requeued: 0, bulkResumed: 0 };
  for await (const tenant of Tenant.find({}, { _id: 1 }).lean().cursor()) {
    const ctx = systemContext(String(tenant._id), "job", "send-sweep", undefined, "Text sender");
    const filter = {
      type: "sms",
      direction: "outbound",
      status: { $in: ["queued", "scheduled"] },
      twilio_sid: { $exists: false },
      ...(redisLost ? {} : { scheduled_at: { $lt: new Date(now.getTime() - OVERDUE_MS) } }),
    };
    const pending = await scoped(ctx, Communication).find(filter, { _id: 1, send_version: 1, scheduled_at: 1 }).lean<Pending[]>();
    report.pending += pending.length;
    for (const row of pending) {
      const version = row.send_version ?? 0;
      const jobId = `send-${String(row._id)}-${version}`;
      const job = await queue.getJob(jobId);
      if (job) {
        // Still waiting its turn (paced, retrying, scheduled): leave it. Failed while the text is
        // still pending: BullMQ gave up on a stalled job, so the processor never said why. Again.
        if (!(await job.isFailed())) continue;
        await job.remove();
      }
      await enqueueSend({ tenantId: ctx.tenantId, communicationId: String(row._id), version }, row.scheduled_at ?? now);
      report.requeued += 1;
    }
    report.bulkResumed += await resumeBulkTexts(ctx, redisLost ? new Date() : new Date(Date.now() - OVERDUE_MS));
  }
  return report;
}
