import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { isFeatureEnabled } from "@/lib/settings/feature-keys";
import { Communication } from "@/models/communication";
import { OptOut } from "@/models/opt-out";
import type { Recipient, RecipientPhone } from "../recipients";
import { companyHoursRules } from "./company-hours-store";
import { checkFrequencyCap, checkQuietHours, NoAllowedHourError, outreachLocations, type HoursVerdict } from "./quiet-hours";

export type OutreachChannel = "sms" | "call";

export type RefusalCode = "opted_out" | "do_not_call" | "number_status" | "sms_disabled" | "call_disabled" | "no_phone" | "no_allowed_hours";
export type GateRefusal = { ok: false; code: RefusalCode; message: string };
export type Deferral = { until: Date; reason: string; rule: string };
export type GatePass = { ok: true; phone: RecipientPhone; sendAt: Date; deferral?: Deferral };
export type GateResult = GateRefusal | GatePass;

export const DNC_TAG = "dnc";

const STATUS_WORDS: Record<string, string> = {
  wrong_number: "is marked as a wrong number",
  disconnected: "is marked as disconnected",
  do_not_call: "is marked do not call",
};

/**
 * The number to reach a recipient on: the one asked for (it must be one of theirs), else their
 * primary phone.
 */
export function pickPhone(recipient: Recipient, asked?: string | null): RecipientPhone | null {
  if (asked) return recipient.phones.find((p) => p.number === asked) ?? null;
  return recipient.phones[0] ?? null;
}

/** Whether the recipient and number may be contacted at all (no time involved). */
export async function checkReachable(ctx: TenantContext, channel: OutreachChannel, recipient: Recipient, phone: RecipientPhone | null): Promise<GateRefusal | null> {
  const tenant = await getTenantOrThrow(ctx);
  if (channel === "sms" && !isFeatureEnabled(tenant, "sms_enabled")) return { ok: false, code: "sms_disabled", message: "Text messages are turned off for this workspace." };
  if (channel === "call" && !isFeatureEnabled(tenant, "call_enabled")) return { ok: false, code: "call_disabled", message: "Calls are turned off for this workspace." };
  if (!phone) return { ok: false, code: "no_phone", message: `${recipient.name} has no phone number to ${channel === "sms" ? "text" : "call"}.` };
  // The opt-out first: "replied STOP" says more than the dnc tag the STOP added.
  if (channel === "sms") {
    const optOut = await scoped(ctx, OptOut).findOne({ number: phone.number }, { opted_out: 1, changed_at: 1 }).lean();
    if (optOut?.opted_out) return { ok: false, code: "opted_out", message: `This number replied STOP (opted out ${optOut.changed_at.toISOString().slice(0, 10)}); it cannot be texted until it replies START.` };
  }
  if (recipient.tags.includes(DNC_TAG)) return { ok: false, code: "do_not_call", message: `${recipient.name} is on the do-not-contact list (tagged dnc).` };
  if (phone.status === "do_not_call") return { ok: false, code: "do_not_call", message: `${phone.number} ${STATUS_WORDS.do_not_call}.` };
  if (phone.status !== "active") return { ok: false, code: "number_status", message: `${phone.number} ${STATUS_WORDS[phone.status] ?? `is ${phone.status}`}.` };
  return null;
}

// Outbound texts and calls that count towards a frequency cap: sent, on their way or due.
const COUNTED = ["scheduled", "queued", "sent", "delivered", "ringing", "in_progress", "answered", "missed"];

async function recentOutreach(ctx: TenantContext, recipient: Recipient, excludeId?: string): Promise<Date[]> {
  const rows = await scoped(ctx, Communication)
    .find(
      { recipient_type: recipient.kind, recipient_id: new Types.ObjectId(recipient.id), direction: "outbound", type: { $in: ["sms", "call"] }, status: { $in: COUNTED } },
      { sent_at: 1, scheduled_at: 1, created_at: 1 },
    )
    .lean<{ _id: Types.ObjectId; sent_at?: Date; scheduled_at?: Date; created_at: Date }[]>();
  return rows.filter((r) => String(r._id) !== excludeId).map((r) => r.sent_at ?? r.scheduled_at ?? r.created_at);
}

/**
 * The one gate before every text and call, whoever sends it (compose, bulk, a schedule, a
 * template, an automation, the send job itself): refuses what may never go (opted out, do not
 * call, a wrong or disconnected number, the channel switched off, no phone), and moves what may
 * go later (quiet hours in the recipient's local time, the company's own stricter hours,
 * Florida's and Oklahoma's frequency cap) to the first allowed minute, saying which rule moved it.
 * Never drops a message for its timing; refuses, saying so, only when no hour in the next two
 * weeks satisfies the law and the company's hours together for every place the person may be.
 */
export async function checkOutreach(
  ctx: TenantContext,
  input: { channel: OutreachChannel; recipient: Recipient; phone?: string | null; at: Date; excludeCommunicationId?: string },
): Promise<GateResult> {
  const phone = pickPhone(input.recipient, input.phone);
  if (input.phone && !phone) return { ok: false, code: "no_phone", message: `${input.phone} is not one of ${input.recipient.name}'s numbers.` };
  const refused = await checkReachable(ctx, input.channel, input.recipient, phone);
  if (refused) return refused;
  const locations = outreachLocations({ property: input.recipient.property, mailing: input.recipient.mailing, phone: phone!.number });
  const [recent, extra] = await Promise.all([recentOutreach(ctx, input.recipient, input.excludeCommunicationId), companyHoursRules(ctx)]);
  let at = input.at;
  let first: Deferral | undefined;
  // Quiet hours and the cap can each push the other: settle both (a few rounds at most).
  for (let round = 0; round < 6; round += 1) {
    let verdict: HoursVerdict;
    try {
      const hours = checkQuietHours(at, locations, extra);
      verdict = hours.allowed ? checkFrequencyCap(at, locations, recent) : hours;
    } catch (err) {
      if (!(err instanceof NoAllowedHourError)) throw err;
      return {
        ok: false,
        code: "no_allowed_hours",
        message: `No hour in the next two weeks is inside both the law's hours and your company's hours for every place ${input.recipient.name} may be (${locations.map((l) => l.state ?? "unknown").join(", ")}). Widen the company's hours in Settings → Compliance.`,
      };
    }
    if (verdict.allowed) return { ok: true, phone: phone!, sendAt: at, ...(first ? { deferral: { ...first, until: at } } : {}) };
    first ??= { until: verdict.until, reason: verdict.reason, rule: verdict.rule };
    at = verdict.until;
  }
  throw new Error("quiet hours and frequency caps did not settle");
}
