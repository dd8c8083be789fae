import "server-only";
import type { Job } from "bullmq";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { addJobBatched } from "@/lib/core/jobs/add-batched";
import { closeSharedQueue } from "@/lib/core/jobs/connection";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { E164_PATTERN } from "@/lib/validation/phone";
import { classifyInbound, helpReply } from "../compliance/keywords";
import { optInNumber, optOutNumber } from "../compliance/opt-outs";
import { inboundBatcher } from "./inbound-batch";
import { storeInboundTexts, type InboundOutcome, type InboundSms } from "./store-inbound";

export const INBOUND_QUEUE = "communications-inbound";
export const MAX_STORED_BODY = 20_000;

export type { InboundSms };

const twiml = (inner = "") => new Response(inner ? `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>` : "<Response/>", { headers: { "Content-Type": "text/xml; charset=utf-8" } });
const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The inbound-text webhook, after its signature and company are checked: a sender that is not a
 * phone number is refused (nothing stored); STOP and START take effect at once; HELP is answered;
 * everything else (storing the message once by its SID, finding the lead or buyer, flagging a
 * "stop" said in words) happens in a job, so Twilio gets its TwiML in milliseconds.
 */
export async function receiveInboundSms(ctx: TenantContext, params: Record<string, string>): Promise<Response> {
  const sid = params.MessageSid || params.SmsSid || "";
  const from = params.From ?? "";
  if (!/^(SM|MM)[0-9a-f]{32}$/i.test(sid)) throw new AppError("bad_request", "MessageSid is missing or malformed.");
  if (!E164_PATTERN.test(from)) throw new AppError("bad_request", "From is not a phone number; the message was not stored.");
  const body = params.Body ?? "";
  const numMedia = Math.min(10, Number(params.NumMedia) || 0);
  const media = Array.from({ length: numMedia }, (_, i) => params[`MediaUrl${i}`]).filter((u): u is string => typeof u === "string" && /^https?:\/\//.test(u));
  const job: InboundSms = { tenantId: ctx.tenantId, sid, from, to: params.To, body: body.slice(0, MAX_STORED_BODY), media, receivedAt: new Date().toISOString() };
  const intent = classifyInbound(body);
  if (intent.kind === "opt_out") await optOutNumber(ctx, from, { source: "keyword", keyword: intent.keyword, sid });
  if (intent.kind === "opt_in") await optInNumber(ctx, from, { source: "keyword", keyword: intent.keyword, sid });
  await addJobBatched(INBOUND_QUEUE, "sms", job, { jobId: `in-${sid}`, attempts: 10, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: 10_000, removeOnFail: 10_000 });
  if (intent.kind === "help") {
    const tenant = await getTenantOrThrow(ctx);
    return twiml(`<Message>${xml(helpReply(tenant.name))}</Message>`);
  }
  return twiml();
}

/** Stores one inbound text, once by its SID, against its lead or buyer (a new lead when unknown). */
export async function storeInboundSms(data: InboundSms): Promise<InboundOutcome> {
  return (await storeInboundTexts([data]))[0];
}

/**
 * Inbound jobs a worker runs at once. They are stored together (inbound-batch.ts): the more run
 * at once, the fewer writes and derivations per text when a burst arrives (a contact's inbox row
 * and counters are derived once per batch, from all its messages).
 */
export const INBOUND_CONCURRENCY = 100;

const batcher = inboundBatcher(storeInboundTexts, { maxBatch: INBOUND_CONCURRENCY, idleMs: 20, maxWaitMs: 250 });

/** The inbound job: its text is stored with whatever other inbound jobs this worker is running. */
export async function processInboundJob(job: Job<InboundSms>): Promise<InboundOutcome> {
  return batcher(job.data);
}

export const closeInboundQueue = () => closeSharedQueue(INBOUND_QUEUE);
