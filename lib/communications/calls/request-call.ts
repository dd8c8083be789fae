import "server-only";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { explainTwilioError, twilioClientFor, twilioErrorOf } from "@/lib/providers/twilio/client";
import { senderFor } from "@/lib/providers/twilio/sender";
import { twilioWebhookUrl } from "@/lib/providers/twilio/urls";
import { Communication } from "@/models/communication";
import { SendIntent } from "@/models/send-intent";
import { User } from "@/models/user";
import { outreachNow } from "../clock";
import { contactZone } from "../compose/compose-text";
import { describeLocal } from "../local-morning";
import { checkOutreach, type RefusalCode } from "../compliance/gate";
import { claimSid } from "../provider-records";
import { loadRecipient, type RecipientKind } from "../recipients";

export type CallRequest = { to: { kind: RecipientKind; id: string; phone?: string }; intentKey: string };
export type CallRequestResult =
  | { ok: true; communicationId: string; callSid: string; existing?: boolean }
  | { ok: false; code: RefusalCode | "quiet_hours" | "no_rep_phone" | "not_found" | "not_configured" | "invalid_request" | "twilio_error"; message: string };

const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Click-to-call: Twilio rings the rep's own phone (the number on their profile), then connects the
 * lead or buyer with the company's number as caller ID. Through the same gate as every text (opt
 * outs aside: STOP is about texts), and a live call cannot wait, so outside the allowed hours it is
 * refused saying when calling is allowed. One intent key gives one call.
 */
export async function requestCall(ctx: TenantContext, req: CallRequest): Promise<CallRequestResult> {
  requirePermission(ctx, "communications.write");
  const intentKey = typeof req.intentKey === "string" ? req.intentKey.trim() : "";
  if (!intentKey || intentKey.length > 200) return { ok: false, code: "invalid_request", message: "intentKey must be 1 to 200 characters." };
  const intents = scoped(ctx, SendIntent);
  const prior = await intents.findOne({ key: intentKey }).lean();
  if (prior) {
    const doc = await scoped(ctx, Communication).findById(String(prior.communication_id)).lean();
    if (doc?.twilio_sid) return { ok: true, communicationId: String(doc._id), callSid: doc.twilio_sid, existing: true };
    if (doc) return { ok: false, code: "twilio_error", message: doc.error_message ?? "This call was already tried." };
  }
  const recipient = await loadRecipient(ctx, req.to?.kind, String(req.to?.id ?? ""));
  if (!recipient) return { ok: false, code: "not_found", message: `${req.to?.kind === "buyer" ? "Buyer" : "Lead"} not found.` };
  const [sender, twilio] = await Promise.all([senderFor(ctx), twilioClientFor(ctx)]);
  if (!sender || !twilio) return { ok: false, code: "not_configured", message: "Twilio is not set up for this workspace: an admin adds the account and a phone number in Settings → Twilio." };
  const me = ctx.userId && Types.ObjectId.isValid(ctx.userId) ? await scoped(ctx, User).findById(ctx.userId, { phone: 1 }).lean() : null;
  if (!me?.phone) return { ok: false, code: "no_rep_phone", message: "Add your own phone number to your profile (Settings → Profile): Twilio rings it first, then connects the call." };
  const now = outreachNow();
  const gate = await checkOutreach(ctx, { channel: "call", recipient, phone: req.to.phone, at: now });
  if (!gate.ok) return gate;
  if (gate.deferral) return { ok: false, code: "quiet_hours", message: `${gate.deferral.reason} Calling is allowed from ${describeLocal(gate.deferral.until, contactZone(recipient))}.` };

  const id = new Types.ObjectId();
  try {
    await intents.create({ key: intentKey, communication_id: id });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return { ok: false, code: "invalid_request", message: "This call is already being placed." };
    throw err;
  }
  await scoped(ctx, Communication).create({
    _id: id,
    type: "call",
    direction: "outbound",
    recipient_type: recipient.kind,
    recipient_id: new Types.ObjectId(recipient.id),
    sender_id: new Types.ObjectId(ctx.userId),
    status: "queued",
    status_rank: 0,
    from_number: sender.from,
    to_number: gate.phone.number,
    intent_key: intentKey,
    source: "call",
  });
  const twiml =
    `<Response><Say>Connecting you to ${xml(recipient.name)}.</Say>` +
    `<Dial callerId="${sender.from}" action="${xml(twilioWebhookUrl("dialResult", { c: String(id) }))}"><Number>${gate.phone.number}</Number></Dial></Response>`;
  try {
    const call = await twilio.client.calls.create({
      to: me.phone,
      from: sender.from,
      twiml,
      // The call's id in the URL: a callback that arrives before the SID is saved still finds it.
      statusCallback: twilioWebhookUrl("callStatus", { c: String(id) }),
      statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
      record: false,
    });
    await claimSid(ctx, call.sid, id);
    await scoped(ctx, Communication).updateOne({ _id: id }, { $set: { twilio_sid: call.sid } });
    // Callbacks may already have moved it on (ringing, answered): the status only goes forward.
    await scoped(ctx, Communication).updateOne({ _id: id, status_rank: { $lt: 1 } }, { $set: { twilio_status: call.status, status_rank: 1 } });
    return { ok: true, communicationId: String(id), callSid: call.sid };
  } catch (err) {
    const e = twilioErrorOf(err);
    const message = explainTwilioError(e?.code, e?.message || "Twilio could not place the call.");
    await scoped(ctx, Communication).updateOne({ _id: id }, { $set: { status: "failed", status_rank: 4, error_code: String(e?.code ?? "network"), error_message: message } });
    return { ok: false, code: "twilio_error", message };
  }
}
