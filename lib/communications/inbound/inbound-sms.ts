import "server-only";
import type { Job } from "bullmq";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext, type TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { closeSharedQueue, sharedQueue } from "@/lib/core/jobs/connection";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { E164_PATTERN } from "@/lib/validation/phone";
import { Communication } from "@/models/communication";
import { classifyInbound, helpReply } from "../compliance/keywords";
import { optInNumber, optOutNumber } from "../compliance/opt-outs";
import { claimSid } from "../provider-records";
import { findOrCreateSender } from "./find-sender";

export const INBOUND_QUEUE = "communications-inbound";
export const MAX_STORED_BODY = 20_000;

/** What the inbound job needs of Twilio's parameters. */
export type InboundSms = { tenantId: string; sid: string; from: string; to: string; body: string; media: string[]; receivedAt: string };

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
  await sharedQueue(INBOUND_QUEUE).add("sms", job, { jobId: `in-${sid}`, attempts: 10, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: 10_000, removeOnFail: 10_000 });
  if (intent.kind === "help") {
    const tenant = await getTenantOrThrow(ctx);
    return twiml(`<Message>${xml(helpReply(tenant.name))}</Message>`);
  }
  return twiml();
}

/** Stores one inbound text, once by its SID, against its lead or buyer (a new lead when unknown). */
export async function storeInboundSms(data: InboundSms): Promise<"stored" | "duplicate" | "foreign"> {
  const ctx = systemContext(data.tenantId, "webhook", data.sid, undefined, "Twilio webhook");
  const claim = await claimSid(ctx, data.sid, new Types.ObjectId());
  if (!claim) return "foreign";
  const comms = scoped(ctx, Communication);
  if (!claim.claimed && (await comms.exists({ _id: claim.id }))) return "duplicate";
  const sender = await findOrCreateSender(ctx, data.from, "inbound_sms");
  const intent = classifyInbound(data.body);
  const at = new Date(data.receivedAt);
  try {
    await comms.create({
      _id: claim.id,
      type: "sms",
      direction: "inbound",
      recipient_type: sender.kind,
      recipient_id: sender.id,
      content: data.body,
      status: "received",
      twilio_sid: data.sid,
      twilio_status: "received",
      status_rank: 2,
      from_number: data.from,
      to_number: data.to,
      sent_at: at,
      ...(data.media.length ? { media_urls: data.media } : {}),
      ...(intent.kind === "review" ? { review: { reason: intent.reason, flagged_at: at } } : {}),
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return "duplicate";
    throw err;
  }
  return "stored";
}

export async function processInboundJob(job: Job<InboundSms>) {
  return storeInboundSms(job.data);
}

export const closeInboundQueue = () => closeSharedQueue(INBOUND_QUEUE);
