// One communication (text, call or e-mail) as Twilio and the app would have recorded it.
import type { Types } from "mongoose";
import { mapCallStatus, mapMessageStatus } from "@/lib/communications/status";
import { addMs, MINUTE, SECOND } from "../clock";
import type { Doc, TenantSeedContext } from "../context";
import { demoTwilioCredentials } from "../demo-twilio";
import { renderTemplate } from "../data/templates";
import type { Rng } from "../random";

export type Channel = "sms" | "call" | "email";
export type Direction = "inbound" | "outbound";

export type Outcome = { status: string; twilio_status?: string; duration?: number; delivered?: boolean; read?: boolean };

/** What happened to a message or call: most texts arrive, about half of cold calls go unanswered. */
export function pickOutcome(rng: Rng, type: Channel, direction: Direction): Outcome {
  if (type === "sms") {
    if (direction === "inbound") return { status: "received", twilio_status: "received", delivered: true };
    return rng.weighted([
      [{ status: "delivered", twilio_status: "delivered", delivered: true }, 90],
      [{ status: "sent", twilio_status: "sent" }, 5],
      [{ status: "failed", twilio_status: "undelivered" }, 5],
    ]);
  }
  if (type === "call") {
    const answered = rng.chance(direction === "outbound" ? 0.45 : 0.7);
    return answered
      ? { status: "answered", twilio_status: "completed", duration: rng.int(45, direction === "outbound" ? 900 : 1200) }
      : { status: "missed", twilio_status: "no-answer", duration: 0 };
  }
  if (direction === "inbound") return { status: "received", delivered: true };
  return rng.chance(0.96) ? { status: "delivered", delivered: true, read: rng.chance(0.5) } : { status: "failed" };
}

export type MessageSpec = {
  type: Channel;
  direction: Direction;
  recipient_type: "lead" | "buyer";
  recipient_id: Types.ObjectId;
  sender_id?: Types.ObjectId;
  content: string;
  at: Date;
  outcome: Outcome;
};

export function communicationDoc(ctx: TenantSeedContext, rng: Rng, m: MessageSpec): Doc {
  const { outcome } = m;
  const latest = addMs(ctx.base, -MINUTE);
  const clamp = (d: Date) => (d > latest ? latest : d);
  const delivered_at = outcome.delivered ? clamp(addMs(m.at, m.direction === "inbound" ? 0 : rng.int(3, 25) * SECOND)) : undefined;
  const read_at = outcome.read ? clamp(addMs(m.at, rng.int(5, 2 * 24 * 60) * MINUTE)) : undefined;
  const sid = m.type === "sms" ? `SM${rng.hex(32)}` : m.type === "call" ? `CA${rng.hex(32)}` : undefined;
  return {
    _id: ctx.id("communications")(m.at),
    tenant_id: ctx.tenantId,
    type: m.type,
    direction: m.direction,
    recipient_type: m.recipient_type,
    recipient_id: m.recipient_id,
    sender_id: m.direction === "outbound" ? m.sender_id : undefined,
    content: m.content,
    status: outcome.status,
    twilio_sid: sid,
    twilio_status: sid ? outcome.twilio_status : undefined,
    send_version: 0,
    status_rank: statusRankOf(m.type, sid ? outcome.twilio_status : undefined),
    duration: m.type === "call" ? outcome.duration : undefined,
    sent_at: m.at,
    delivered_at,
    read_at,
    metadata: m.direction === "outbound" ? { device_info: rng.chance(0.8) ? "web" : "mobile" } : undefined,
    created_at: m.at,
    updated_at: read_at ?? delivered_at ?? m.at,
  };
}

/** The rank the webhooks compare a later callback with (lib/communications/status.ts). */
function statusRankOf(type: string, twilioStatus: string | undefined): number {
  if (!twilioStatus) return 0;
  const mapped = type === "call" ? mapCallStatus(twilioStatus) : mapMessageStatus(twilioStatus);
  return mapped?.rank ?? 0;
}

/**
 * A text queued for later (a rep's scheduled follow-up): not sent yet, so not a contact. Written
 * as requestText writes one (numbers, intent key), since the worker sends it when its time comes.
 */
export function scheduledSmsDoc(ctx: TenantSeedContext, m: { recipient_id: Types.ObjectId; to: string; sender_id?: Types.ObjectId; content: string; scheduledAt: Date; createdAt: Date }): Doc {
  const _id = ctx.id("communications")(m.createdAt);
  return {
    _id,
    tenant_id: ctx.tenantId,
    type: "sms",
    direction: "outbound",
    recipient_type: "lead",
    recipient_id: m.recipient_id,
    sender_id: m.sender_id,
    content: m.content,
    status: "scheduled",
    scheduled_at: m.scheduledAt,
    from_number: demoTwilioCredentials(ctx.key).number,
    to_number: m.to,
    intent_key: `seed:${String(_id)}`,
    source: "schedule",
    send_version: 0,
    status_rank: 0,
    metadata: { device_info: "web" },
    created_at: m.createdAt,
    updated_at: m.createdAt,
  };
}

/** Renders one of the company's templates and counts the use; null when the plan lacks it. */
export function applyTemplate(ctx: TenantSeedContext, key: string, values: Record<string, string>): string | null {
  const template = ctx.templates.get(key);
  if (!template) return null;
  template.uses += 1;
  return renderTemplate(template.content, { company_name: ctx.companyName, ...values });
}
