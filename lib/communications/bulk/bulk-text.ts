import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Job } from "bullmq";
import { Types } from "mongoose";
import { z } from "zod";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext, type TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { sharedQueue } from "@/lib/core/jobs/connection";
import { bulkTargetSchema, targetClauses, targetFromInput } from "@/lib/leads/bulk/target";
import { clausesFilter } from "@/lib/leads/list/mongo-filter";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import { analyzeTemplate, renderTemplate } from "@/lib/templates/render";
import { templateValuesFor } from "@/lib/templates/template-values";
import { BulkText } from "@/models/bulk-text";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { requestText } from "../send/request-text";

// Bulk texting: one job per bulk send walks its leads and asks requestText for each, with the key
// `bulk:<bulkId>:<leadId>`, so every recipient goes through the same compliance gate as a single
// text, and a job retried after a crash asks again for the same keys and sends nothing twice.
// requestText's send jobs pace the company to its sending rate. Each lead's outcome is stored by
// lead id (a Redis hash), so the summary counts each recipient once however often the job ran.
// The bulk itself (who, what, to whom) is a `bulk_texts` document: Redis may lose the job and the
// outcomes (a restart without persistence); the send sweep (../send/sweep.ts) queues an unfinished
// bulk again, and its walk rebuilds the outcomes from the intents already claimed. When the walk
// finishes, its summary is stored on the document.

export const BULK_TEXT_QUEUE = "communications-bulk-text";
export const MAX_BULK_RECIPIENTS = 5_000;
const TTL_SECONDS = 14 * 24 * 3600;

export const startBulkTextSchema = z.object({
  target: bulkTargetSchema,
  body: z.string({ error: "Write the message" }).trim().min(1, "Write the message").max(1600, "A text can be at most 1,600 characters"),
  template_id: z.string().optional(),
  /**
   * The form's own id for this bulk (a random key made when the form is shown): the same request again
   * (a double click, a retried submit) answers with the bulk it started instead of a second one.
   */
  request_id: z.string().trim().min(8, "request_id must be 8 to 100 characters").max(100, "request_id must be 8 to 100 characters").optional(),
});

/** How long the same words to the same lead count as already sent (a bulk sent again skips them). */
export const REPEAT_WINDOW_HOURS = 24;

type BulkJob = { tenantId: string; bulkId: string };
type BulkRequest = { bulkId: string; body: string; templateId?: string };

export type BulkOutcome = { kind: "sent" | "scheduled" | "deferred" | "skipped"; reason?: string };
export type BulkSummary = {
  bulkId: string;
  total: number;
  done: number;
  finished: boolean;
  counts: Record<BulkOutcome["kind"], number>;
  /** Why recipients were skipped or deferred, with how many each. */
  reasons: { kind: "skipped" | "deferred"; reason: string; count: number }[];
  /** Once finished: each lead skipped or deferred, and why (kept with the bulk, so it outlives Redis). */
  notSent?: { leadId: string; kind: "skipped" | "deferred"; reason: string }[];
};

const key = (tenantId: string, bulkId: string) => `${redisKeyPrefix()}:bulk-text:${tenantId}:${bulkId}`;

/** Starts a bulk text to the leads of a selection or a list's filters (those this person may see). */
export async function startBulkText(ctx: TenantContext, raw: unknown, timeZone?: string): Promise<{ bulkId: string; total: number }> {
  requirePermission(ctx, "communications.write");
  const input = startBulkTextSchema.parse(raw);
  const bulks = scoped(ctx, BulkText);
  // The bulk's id comes from the request's, the company and the member: nobody can name another's bulk.
  const asked = input.request_id ? bulkIdOf(ctx, input.request_id) : undefined;
  const earlier = async () => (asked ? await bulks.findOne({ bulk_id: asked }, { total: 1 }).lean() : null);
  const first = await earlier();
  if (first) return { bulkId: asked!, total: first.total };
  const analysis = analyzeTemplate(input.body);
  if (analysis.syntaxErrors.length) throw new AppError("bad_request", analysis.syntaxErrors.join(". "), { body: analysis.syntaxErrors });
  const leadIds = await bulkRecipientIds(ctx, input.target, timeZone);
  const bulkId = asked ?? randomUUID();
  try {
    await bulks.create({
      bulk_id: bulkId,
      ...(ctx.userId ? { user_id: ctx.userId } : {}),
      role: ctx.role,
      ...(ctx.permissions ? { permissions: ctx.permissions } : {}),
      lead_ids: leadIds,
      body: input.body,
      ...(input.template_id ? { template_id: input.template_id } : {}),
      total: leadIds.length,
    });
  } catch (err) {
    // The same request at the same time (unique per company and bulk id): the first one is it.
    const winner = (err as { code?: number }).code === 11000 ? await earlier() : null;
    if (!winner) throw err;
    return { bulkId, total: winner.total };
  }
  const redis = getRedis();
  await redis.multi().hset(`${key(ctx.tenantId, bulkId)}:meta`, { total: String(leadIds.length), started_at: new Date().toISOString() }).expire(`${key(ctx.tenantId, bulkId)}:meta`, TTL_SECONDS).exec();
  await enqueueBulkText({ tenantId: ctx.tenantId, bulkId });
  return { bulkId, total: leadIds.length };
}

function bulkIdOf(ctx: TenantContext, requestId: string): string {
  const h = createHash("sha256").update(`${ctx.tenantId}:${ctx.userId ?? ""}:${requestId.toLowerCase()}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The leads a bulk text to this target would go to (those this person may see), refused when none or too many. */
async function bulkRecipientIds(ctx: TenantContext, target: z.infer<typeof bulkTargetSchema>, timeZone?: string): Promise<string[]> {
  const filter = clausesFilter(targetClauses(ctx, targetFromInput(target, timeZone)));
  const leads = await scoped(ctx, Lead).find(filter, { _id: 1 }).limit(MAX_BULK_RECIPIENTS + 1).lean();
  if (!leads.length) throw new AppError("bad_request", "No lead matches: nothing to send.");
  if (leads.length > MAX_BULK_RECIPIENTS) throw new AppError("bad_request", `A bulk text goes to at most ${MAX_BULK_RECIPIENTS.toLocaleString("en-US")} leads; narrow the list.`);
  return leads.map((l) => String(l._id));
}

/** How many leads a bulk text to this target would go to, before sending (more than the maximum: the maximum + 1). */
export async function countBulkTextRecipients(ctx: TenantContext, rawTarget: unknown, timeZone?: string): Promise<number> {
  requirePermission(ctx, "communications.write");
  const target = bulkTargetSchema.parse(rawTarget);
  const filter = clausesFilter(targetClauses(ctx, targetFromInput(target, timeZone)));
  return (await scoped(ctx, Lead).find(filter, { _id: 1 }).limit(MAX_BULK_RECIPIENTS + 1).lean()).length;
}

const BULK_JOB_ATTEMPTS = 5;
const WALK_CONCURRENCY = 4;

/** Queues the walk of a stored bulk text; queuing it twice (the sweep after Redis lost it) queues once. */
export async function enqueueBulkText(job: BulkJob): Promise<void> {
  await sharedQueue(BULK_TEXT_QUEUE).add("bulk-text", job, { jobId: `bulk-${job.bulkId}`, attempts: BULK_JOB_ATTEMPTS, backoff: { type: "exponential", delay: 2000 }, removeOnComplete: 1000, removeOnFail: 1000 });
}

/** One recipient: its words rendered for it, then requestText under the bulk's key for it. */
async function sendOne(ctx: TenantContext, job: BulkRequest, leadId: string): Promise<BulkOutcome> {
  let text: string;
  try {
    const { values, customKeys } = await templateValuesFor(ctx, { kind: "lead", id: leadId });
    const rendered = renderTemplate(job.body, values, customKeys);
    if (!rendered.ok) return { kind: "skipped", reason: rendered.message };
    text = rendered.text;
  } catch (err) {
    if ((err as { code?: string }).code === "not_found") return { kind: "skipped", reason: "Lead no longer exists or is no longer yours." };
    throw err;
  }
  const intentKey = `bulk:${job.bulkId}:${leadId}`;
  // The same words already went to this lead lately (this bulk sent again, or the same text by
  // hand): skipped, so a seller never gets a double text. This bulk's own text (a walk retried
  // after a crash) is not a repeat: requestText answers with it under the same key.
  const repeat = await scoped(ctx, Communication)
    .findOne(
      {
        recipient_type: "lead",
        recipient_id: new Types.ObjectId(leadId),
        type: "sms",
        direction: "outbound",
        content: text,
        created_at: { $gte: new Date(Date.now() - REPEAT_WINDOW_HOURS * 3600_000) },
        status: { $nin: ["failed", "canceled", "undelivered"] },
        intent_key: { $ne: intentKey },
      },
      { _id: 1 },
    )
    .lean();
  if (repeat) return { kind: "skipped", reason: `These words already went (or are set to go) to this lead in the last ${REPEAT_WINDOW_HOURS} hours.` };
  const r = await requestText(ctx, { to: { kind: "lead", id: leadId }, body: text, templateId: job.templateId, intentKey, source: "bulk" });
  if (!r.ok) return { kind: "skipped", reason: r.message };
  if (r.status === "deferred") return { kind: "deferred", reason: r.reason ?? "Outside the hours the law allows" };
  return { kind: r.status === "scheduled" ? "scheduled" : "sent" };
}

/** Counts the outcomes stored per lead: sent, scheduled, deferred and skipped, and why. */
function summarize(raw: string[]): Pick<BulkSummary, "counts" | "reasons"> {
  const counts: BulkSummary["counts"] = { sent: 0, scheduled: 0, deferred: 0, skipped: 0 };
  const reasons = new Map<string, { kind: "skipped" | "deferred"; reason: string; count: number }>();
  for (const v of raw) {
    const o = JSON.parse(v) as BulkOutcome;
    counts[o.kind]++;
    if ((o.kind === "skipped" || o.kind === "deferred") && o.reason) {
      const k = `${o.kind}:${o.reason}`;
      const entry = reasons.get(k) ?? { kind: o.kind, reason: o.reason, count: 0 };
      entry.count++;
      reasons.set(k, entry);
    }
  }
  return { counts, reasons: [...reasons.values()].sort((a, b) => b.count - a.count) };
}

type StoredBulk = { bulk_id: string; user_id?: Types.ObjectId | null; role?: string | null; permissions?: string[]; lead_ids: Types.ObjectId[]; body: string; template_id?: Types.ObjectId | null; total: number; finished_at?: Date | null; failed_at?: Date | null; error_message?: string | null; summary?: Pick<BulkSummary, "counts" | "reasons" | "notSent"> | null };

export async function processBulkTextJob(job: Job<BulkJob>): Promise<{ done: number }> {
  const { tenantId, bulkId } = job.data;
  const bulk = await scoped(systemContext(tenantId, "job", `bulk-${bulkId}`), BulkText).findOne({ bulk_id: bulkId }).lean<StoredBulk>();
  if (!bulk || bulk.finished_at || bulk.failed_at) return { done: 0 };
  const userId = bulk.user_id ? String(bulk.user_id) : undefined;
  const role = (bulk.role ?? undefined) as TenantContext["role"];
  // The bulk acts for the member who started it, with the rights they had.
  const ctx: TenantContext = {
    tenantId,
    userId,
    role,
    ...(bulk.permissions ? { permissions: bulk.permissions } : {}),
    ...(userId ? { actor: { kind: "member" as const, userId, role: role ?? "acquisition_rep" } } : {}),
  };
  const request: BulkRequest = { bulkId, body: bulk.body, templateId: bulk.template_id ? String(bulk.template_id) : undefined };
  const redis = getRedis();
  const base = key(tenantId, bulkId);
  const outcomes = `${base}:outcomes`;
  // After a Redis restart the meta is gone too: the document knows the total.
  await redis.multi().hsetnx(`${base}:meta`, "total", String(bulk.total)).expire(`${base}:meta`, TTL_SECONDS).exec();
  const already = new Set(await redis.hkeys(outcomes));
  let done = already.size;
  const todo = bulk.lead_ids.map(String).filter((id) => !already.has(id));
  // A few recipients at a time: each one waits mostly on the database, one after the other.
  for (let i = 0; i < todo.length; i += WALK_CONCURRENCY) {
    await Promise.all(
      todo.slice(i, i + WALK_CONCURRENCY).map(async (leadId) => {
        const outcome = await sendOne(ctx, request, leadId);
        await redis.multi().hset(outcomes, leadId, JSON.stringify(outcome)).expire(outcomes, TTL_SECONDS).exec();
      }),
    );
    const before = done;
    done += Math.min(WALK_CONCURRENCY, todo.length - i);
    if (Math.floor(done / 25) > Math.floor(before / 25)) await job.updateProgress(Math.round((done / bulk.total) * 100));
  }
  const all = await redis.hgetall(outcomes);
  const notSent = Object.entries(all)
    .map(([leadId, v]) => ({ leadId, ...(JSON.parse(v) as BulkOutcome) }))
    .filter((o): o is { leadId: string; kind: "skipped" | "deferred"; reason: string } => (o.kind === "skipped" || o.kind === "deferred") && Boolean(o.reason));
  const summary = { ...summarize(Object.values(all)), notSent };
  await scoped(ctx, BulkText).updateOne({ bulk_id: bulkId }, { $set: { finished_at: new Date(), summary } });
  await redis.hset(`${base}:meta`, "finished_at", new Date().toISOString());
  return { done };
}

/** Progress and the summary of a bulk text: sent, scheduled, deferred and skipped, and why. Another company's id: not found. */
export async function getBulkTextSummary(ctx: TenantContext, bulkId: string): Promise<BulkSummary & { error?: string }> {
  requirePermission(ctx, "communications.read");
  if (!/^[0-9a-f-]{36}$/i.test(bulkId)) throw new AppError("not_found", "Bulk text not found");
  const bulk = await scoped(ctx, BulkText).findOne({ bulk_id: bulkId }, { lead_ids: 0 }).lean<StoredBulk>();
  if (!bulk) throw new AppError("not_found", "Bulk text not found");
  if (bulk.finished_at && bulk.summary) {
    return { bulkId, total: bulk.total, done: bulk.total, finished: true, ...bulk.summary };
  }
  // Still walking (or queued again after Redis lost it): the outcomes stored so far.
  const raw = await getRedis().hvals(`${key(ctx.tenantId, bulkId)}:outcomes`);
  return { bulkId, total: bulk.total, done: raw.length, finished: false, ...summarize(raw), ...(bulk.failed_at ? { error: bulk.error_message ?? "The bulk text stopped." } : {}) };
}

/** A bulk whose job BullMQ failed (its attempts spent, e.g. the database unreachable) is resumed this many times, then reported stopped. */
const MAX_RESUMES = 10;

/**
 * Bulk texts the database says are unfinished but whose job Redis no longer has (it lost its
 * data), or whose job failed (a database outage longer than its retries, a job that stalled too
 * often): queued again, up to MAX_RESUMES times for failed ones, then marked stopped with the
 * reason, which the summary shows. Their walk sends nothing twice. Returns how many were queued.
 */
export async function resumeBulkTexts(ctx: TenantContext, olderThan: Date): Promise<number> {
  const queue = sharedQueue(BULK_TEXT_QUEUE);
  const bulks = scoped(ctx, BulkText);
  const open = await bulks.find({ finished_at: { $exists: false }, failed_at: { $exists: false }, created_at: { $lt: olderThan } }, { bulk_id: 1, resumes: 1 }).lean();
  let resumed = 0;
  for (const { bulk_id, resumes } of open) {
    const existing = await queue.getJob(`bulk-${bulk_id}`);
    if (existing) {
      if (!(await existing.isFailed())) continue;
      if ((resumes ?? 0) >= MAX_RESUMES) {
        await bulks.updateOne({ bulk_id }, { $set: { failed_at: new Date(), error_message: `The bulk text stopped: ${existing.failedReason || "it failed too often"}` } });
        continue;
      }
      await bulks.updateOne({ bulk_id }, { $set: { resumes: (resumes ?? 0) + 1 } });
      await existing.remove();
    }
    await enqueueBulkText({ tenantId: ctx.tenantId, bulkId: bulk_id });
    resumed++;
  }
  return resumed;
}
