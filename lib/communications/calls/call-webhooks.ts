import "server-only";
import { Types } from "mongoose";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { twilioWebhookUrl } from "@/lib/providers/twilio/urls";
import { E164_PATTERN } from "@/lib/validation/phone";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { findOrCreateSender } from "../inbound/find-sender";
import { applyProviderStatus, claimSid, communicationIdForSid } from "../provider-records";

const twiml = (inner: string) => new Response(`<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`, { headers: { "Content-Type": "text/xml; charset=utf-8" } });
const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The assigned rep's phone, then the company's fallback (the first admin with a phone). */
async function ringOrder(ctx: TenantContext, party: { kind: string; id: Types.ObjectId }): Promise<string[]> {
  const out: string[] = [];
  if (party.kind === "lead") {
    const lead = await scoped(ctx, Lead).findById(String(party.id), { assigned_to: 1 }).lean();
    if (lead?.assigned_to) {
      const rep = await scoped(ctx, User).findOne({ _id: lead.assigned_to, is_active: true }, { phone: 1 }).lean();
      if (rep?.phone) out.push(rep.phone);
    }
  }
  const admins = await scoped(ctx, User).find({ role: "admin", is_active: true, phone: { $exists: true } }, { phone: 1, created_at: 1 }).lean();
  const fallback = admins.sort((a, b) => (a.created_at?.getTime() ?? 0) - (b.created_at?.getTime() ?? 0)).find((u) => u.phone && !out.includes(u.phone));
  if (fallback?.phone) out.push(fallback.phone);
  return out;
}

function dial(number: string, callerId: string, communicationId: Types.ObjectId, stage: number) {
  return twiml(`<Dial timeout="20" callerId="${xml(callerId)}" action="${xml(twilioWebhookUrl("dialResult", { c: String(communicationId), s: String(stage) }))}"><Number>${xml(number)}</Number></Dial>`);
}

/**
 * An inbound call: stored once by its CallSid against the caller (a new inbound_call lead when
 * unknown), then forwarded to the lead's assigned rep and, if they miss it, to the fallback. No
 * one to ring: a message, and the call is recorded as missed.
 */
export async function receiveInboundCall(ctx: TenantContext, params: Record<string, string>): Promise<Response> {
  const sid = params.CallSid ?? "";
  const from = params.From ?? "";
  if (!/^CA[0-9a-f]{32}$/i.test(sid)) throw new AppError("bad_request", "CallSid is missing or malformed.");
  if (!E164_PATTERN.test(from)) return twiml("<Say>Sorry, we cannot take calls from a hidden number.</Say><Hangup/>");
  const claim = await claimSid(ctx, sid, new Types.ObjectId());
  if (!claim) throw new AppError("not_found", "Not found.");
  const party = await findOrCreateSender(ctx, from, "inbound_call");
  if (claim.claimed) {
    await scoped(ctx, Communication).create({
      _id: claim.id, type: "call", direction: "inbound", recipient_type: party.kind, recipient_id: party.id,
      status: "ringing", status_rank: 2, twilio_sid: sid, twilio_status: params.CallStatus ?? "ringing", from_number: from, to_number: params.To, sent_at: new Date(),
    }).catch((err) => {
      if ((err as { code?: number }).code !== 11000) throw err;
    });
  }
  const order = await ringOrder(ctx, party);
  if (!order.length) {
    await applyProviderStatus(ctx, claim.id, "call", "no-answer");
    return twiml("<Say>Sorry, nobody can take your call right now. Please text this number.</Say><Hangup/>");
  }
  return dial(order[0], params.To, claim.id, 0);
}

/**
 * The end of a <Dial>: who answered. An unanswered inbound call rings the fallback next; an
 * answered one is "answered" with its duration; otherwise "missed".
 */
export async function receiveDialResult(ctx: TenantContext, params: Record<string, string>, query: URLSearchParams): Promise<Response> {
  const id = await callOf(ctx, params.CallSid ?? "", query);
  if (!id || String(id) !== query.get("c")) return twiml("<Hangup/>");
  const dialStatus = params.DialCallStatus ?? "";
  const row = await scoped(ctx, Communication).findById(String(id), { direction: 1, recipient_type: 1, recipient_id: 1 }).lean();
  if (dialStatus !== "completed" && dialStatus !== "answered" && row?.direction === "inbound") {
    const stage = Number(query.get("s") ?? 0);
    const order = await ringOrder(ctx, { kind: row.recipient_type, id: row.recipient_id as Types.ObjectId });
    if (order[stage + 1]) return dial(order[stage + 1], params.To, id, stage + 1);
  }
  const answered = dialStatus === "completed" || dialStatus === "answered";
  await applyProviderStatus(ctx, id, "call", answered ? "completed" : "no-answer", { duration: Number(params.DialCallDuration) || 0 });
  return twiml(answered ? "" : "<Say>Sorry, we missed you. We will call you back.</Say><Hangup/>");
}

/**
 * The call a callback is about: by its SID; or, when Twilio's callback overtook our save of the SID
 * (it starts calling back as soon as the call is created, and a loaded server may still be saving),
 * by the id our own URL carries (`c`, covered by the signature), claiming the SID for that
 * outbound call if it has none yet. Without this the callbacks were ignored and the call stayed
 * "Queued" for ever.
 */
async function callOf(ctx: TenantContext, sid: string, query?: URLSearchParams): Promise<Types.ObjectId | null> {
  const known = await communicationIdForSid(ctx, sid);
  if (known) return known;
  const c = query?.get("c") ?? "";
  if (!/^CA[0-9a-f]{32}$/i.test(sid) || !isObjectIdString(c)) return null;
  const comms = scoped(ctx, Communication);
  // The SID goes on the call first, only if it has none: a call has one SID, whoever saves it first.
  const took = await comms.updateOne({ _id: c, type: "call", direction: "outbound", twilio_sid: { $exists: false } } as Record<string, unknown>, { $set: { twilio_sid: sid } });
  if (!took.modifiedCount) {
    const row = await comms.findOne({ _id: c, type: "call", direction: "outbound" } as Record<string, unknown>, { twilio_sid: 1 }).lean();
    if (row?.twilio_sid !== sid) return null;
  }
  const id = new Types.ObjectId(c);
  const claim = await claimSid(ctx, sid, id);
  return claim && claim.id.equals(id) ? id : null;
}

/** A call's status callback: only forward; the price comes later with the call resource. */
export async function receiveCallStatus(ctx: TenantContext, params: Record<string, string>, query?: URLSearchParams): Promise<Response> {
  const id = await callOf(ctx, params.CallSid ?? "", query);
  if (id) {
    const row = await scoped(ctx, Communication).findById(String(id), { direction: 1 }).lean();
    // An outbound click-to-call's parent leg is the rep's phone: its completion is not the lead's answer (the dial result says that).
    const status = row?.direction === "outbound" && params.CallStatus === "completed" ? null : params.CallStatus;
    if (status) await applyProviderStatus(ctx, id, "call", status, { duration: params.CallDuration ? Number(params.CallDuration) : null });
    if (!status && params.CallStatus === "completed") {
      // The rep's leg ended: the lead's talk time (the dial result's) is kept; the leg's is only a fallback.
      const duration = Number(params.CallDuration);
      if (Number.isFinite(duration) && duration > 0) await scoped(ctx, Communication).updateOne({ _id: id, duration: { $exists: false } } as Record<string, unknown>, { $set: { duration } });
    } else if (params.CallStatus === "completed" && params.CallDuration) await scoped(ctx, Communication).updateOne({ _id: id }, { $set: { duration: Number(params.CallDuration) } });
  }
  return twiml("");
}

/** The recording callback: its URL and duration on the call. */
export async function receiveRecording(ctx: TenantContext, params: Record<string, string>): Promise<Response> {
  const id = await communicationIdForSid(ctx, params.CallSid ?? "");
  const url = params.RecordingUrl ?? "";
  if (id && /^https?:\/\//.test(url)) {
    await scoped(ctx, Communication).updateOne({ _id: id }, { $set: { recording_url: url.slice(0, 1000), recording_duration: Number(params.RecordingDuration) || 0 } });
  }
  return twiml("");
}

