import "server-only";
import { randomUUID } from "node:crypto";
import type { Job } from "bullmq";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { AppError } from "@/lib/errors";
import { sharedQueue } from "@/lib/jobs/connection";
import { bulkTargetSchema, targetClauses, targetFromInput } from "@/lib/leads/bulk/target";
import { clausesFilter } from "@/lib/leads/list/mongo-filter";
import { getRedis, redisKeyPrefix } from "@/lib/redis";
import { analyzeTemplate, renderTemplate } from "@/lib/templates/render";
import { templateValuesFor } from "@/lib/templates/template-values";
import { Lead } from "@/models/lead";
import { requestText } from "../send/request-text";

// Bulk texting: one job per bulk send walks its leads and asks requestText for each, with the key
// `bulk:<bulkId>:<leadId>`, so every recipient goes through the same compliance gate as a single
// text, and a job retried after a crash asks again for the same keys and sends nothing twice.
// requestText's send jobs pace the company to its sending rate. Each lead's outcome is stored by
// lead id (a Redis hash), so the summary counts each recipient once however often the job ran.

export const BULK_TEXT_QUEUE = "communications-bulk-text";
export const MAX_BULK_RECIPIENTS = 5_000;
const TTL_SECONDS = 14 * 24 * 3600;

export const startBulkTextSchema = z.object({
  target: bulkTargetSchema,
  body: z.string({ error: "Write the message" }).trim().min(1, "Write the message").max(1600, "A text can be at most 1,600 characters"),
  template_id: z.string().optional(),
});

type BulkJob = { tenantId: string; userId?: string; role?: TenantContext["role"]; permissions?: string[]; bulkId: string; leadIds: string[]; body: string; templateId?: string };

export type BulkOutcome = { kind: "sent" | "scheduled" | "deferred" | "skipped"; reason?: string };
export type BulkSummary = {
  bulkId: string;
  total: number;
  done: number;
  finished: boolean;
  counts: Record<BulkOutcome["kind"], number>;
  /** Why recipients were skipped or deferred, with how many each. */
  reasons: { kind: "skipped" | "deferred"; reason: string; count: number }[];
};

const key = (tenantId: string, bulkId: string) => `${redisKeyPrefix()}:bulk-text:${tenantId}:${bulkId}`;

/** Starts a bulk text to the leads of a selection or a list's filters (those this person may see). */
export async function startBulkText(ctx: TenantContext, raw: unknown, timeZone?: string): Promise<{ bulkId: string; total: number }> {
  requirePermission(ctx, "communications.write");
  const input = startBulkTextSchema.parse(raw);
  const analysis = analyzeTemplate(input.body);
  if (analysis.syntaxErrors.length) throw new AppError("bad_request", analysis.syntaxErrors.join(". "), { body: analysis.syntaxErrors });
  const filter = clausesFilter(targetClauses(ctx, targetFromInput(input.target, timeZone)));
  const leads = await scoped(ctx, Lead).find(filter, { _id: 1 }).limit(MAX_BULK_RECIPIENTS + 1).lean();
  if (!leads.length) throw new AppError("bad_request", "No lead matches: nothing to send.");
  if (leads.length > MAX_BULK_RECIPIENTS) throw new AppError("bad_request", `A bulk text goes to at most ${MAX_BULK_RECIPIENTS.toLocaleString("en-US")} leads; narrow the list.`);
  const bulkId = randomUUID();
  const leadIds = leads.map((l) => String(l._id));
  const redis = getRedis();
  await redis.multi().hset(`${key(ctx.tenantId, bulkId)}:meta`, { total: String(leadIds.length), started_at: new Date().toISOString() }).expire(`${key(ctx.tenantId, bulkId)}:meta`, TTL_SECONDS).exec();
  const job: BulkJob = { tenantId: ctx.tenantId, userId: ctx.userId, role: ctx.role, permissions: ctx.permissions, bulkId, leadIds, body: input.body, templateId: input.template_id || undefined };
  await sharedQueue(BULK_TEXT_QUEUE).add("bulk-text", job, { jobId: `bulk-${bulkId}`, attempts: 5, backoff: { type: "exponential", delay: 2000 }, removeOnComplete: 1000, removeOnFail: 1000 });
  return { bulkId, total: leadIds.length };
}

/** One recipient: its words rendered for it, then requestText under the bulk's key for it. */
async function sendOne(ctx: TenantContext, job: BulkJob, leadId: string): Promise<BulkOutcome> {
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
  const r = await requestText(ctx, { to: { kind: "lead", id: leadId }, body: text, templateId: job.templateId, intentKey: `bulk:${job.bulkId}:${leadId}`, source: "bulk" });
  if (!r.ok) return { kind: "skipped", reason: r.message };
  if (r.status === "deferred") return { kind: "deferred", reason: r.reason ?? "Outside the hours the law allows" };
  return { kind: r.status === "scheduled" ? "scheduled" : "sent" };
}

export async function processBulkTextJob(job: Job<BulkJob>): Promise<{ done: number }> {
  const data = job.data;
  const ctx: TenantContext = {
    tenantId: data.tenantId,
    userId: data.userId,
    role: data.role,
    permissions: data.permissions,
    ...(data.userId ? { actor: { kind: "member" as const, userId: data.userId, role: data.role ?? "acquisition_rep" } } : {}),
  };
  const redis = getRedis();
  const outcomes = `${key(data.tenantId, data.bulkId)}:outcomes`;
  const already = new Set(await redis.hkeys(outcomes));
  let done = already.size;
  for (const leadId of data.leadIds) {
    if (already.has(leadId)) continue;
    const outcome = await sendOne(ctx, data, leadId);
    await redis.multi().hset(outcomes, leadId, JSON.stringify(outcome)).expire(outcomes, TTL_SECONDS).exec();
    done++;
    if (done % 25 === 0) await job.updateProgress(Math.round((done / data.leadIds.length) * 100));
  }
  await redis.hset(`${key(data.tenantId, data.bulkId)}:meta`, "finished_at", new Date().toISOString());
  return { done };
}

/** Progress and the summary of a bulk text: sent, scheduled, deferred and skipped, and why. Another company's id: not found. */
export async function getBulkTextSummary(ctx: TenantContext, bulkId: string): Promise<BulkSummary> {
  requirePermission(ctx, "communications.read");
  if (!/^[0-9a-f-]{36}$/i.test(bulkId)) throw new AppError("not_found", "Bulk text not found");
  const redis = getRedis();
  const [meta, raw] = await Promise.all([redis.hgetall(`${key(ctx.tenantId, bulkId)}:meta`), redis.hvals(`${key(ctx.tenantId, bulkId)}:outcomes`)]);
  if (!meta.total) throw new AppError("not_found", "Bulk text not found");
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
  return { bulkId, total: Number(meta.total), done: raw.length, finished: Boolean(meta.finished_at), counts, reasons: [...reasons.values()].sort((a, b) => b.count - a.count) };
}
