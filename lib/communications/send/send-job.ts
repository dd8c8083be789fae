import "server-only";
import { DelayedError, type Job } from "bullmq";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext, type TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { explainTwilioError, twilioClientFor, twilioErrorOf } from "@/lib/providers/twilio/client";
import { twilioWebhookUrl } from "@/lib/providers/twilio/urls";
import { redeemPermit, reserveSend } from "@/lib/core/rate-limit/send-limits";
import { Communication } from "@/models/communication";
import { ProviderSid } from "@/models/provider-sid";
import { outreachNow } from "../clock";
import { checkOutreach } from "../compliance/gate";
import { optOutNumber } from "../compliance/opt-outs";
import { applyProviderStatus, claimSid } from "../provider-records";
import { loadRecipient } from "../recipients";
import { enqueuePriceCheck } from "./price-job";
import { enqueueSend, type SendJob } from "./queue";

type Row = {
  _id: Types.ObjectId;
  status: string;
  send_version?: number;
  send_attempted_at?: Date;
  recipient_type: "lead" | "buyer";
  recipient_id: Types.ObjectId;
  sender_id?: Types.ObjectId;
  content: string;
  to_number: string;
  from_number: string;
  twilio_sid?: string;
};

const PENDING = ["queued", "scheduled"];

export type SendOutcome = "sent" | "adopted" | "skipped" | "refused" | "deferred" | "failed";

async function fail(ctx: TenantContext, id: Types.ObjectId, code: string, message: string): Promise<SendOutcome> {
  await scoped(ctx, Communication).updateOne({ _id: id, status: { $in: PENDING } }, { $set: { status: "failed", error_code: code, error_message: message, status_rank: 4 } });
  return "refused";
}

/** Stores the SID Twilio gave (or that reconciliation found) and its status; the SID is claimed once. */
async function recordSent(ctx: TenantContext, row: Row, msg: { sid: string; status: string; price?: string | null; priceUnit?: string | null; errorCode?: number | null }): Promise<void> {
  const claim = await claimSid(ctx, msg.sid, row._id);
  if (!claim || !claim.id.equals(row._id)) throw new Error(`Twilio message ${msg.sid} is already stored as another communication`);
  // The SID with the first status, in one update (each update of a text is a domain event and a
  // recount of the inbox row and counters); alone only when a callback already moved the status further.
  await applyProviderStatus(ctx, row._id, "sms", msg.status, { price: msg.price, priceUnit: msg.priceUnit, errorCode: msg.errorCode, always: { twilio_sid: msg.sid } });
  // Twilio reports the price on the message resource some time after the final status.
  await enqueuePriceCheck({ tenantId: ctx.tenantId, communicationId: String(row._id), sid: msg.sid });
}

/**
 * Before sending again a message whose earlier attempt may have reached Twilio (the worker died
 * between Twilio's answer and our save), look for it in Twilio's list: same recipient, same body,
 * created since the attempt, and not stored as another communication. Found: adopt its SID.
 */
async function findEarlierAttempt(ctx: TenantContext, client: Awaited<ReturnType<typeof twilioClientFor>>, row: Row) {
  const since = new Date((row.send_attempted_at ?? new Date()).getTime() - 5 * 60_000);
  const messages = await client!.client.messages.list({ to: row.to_number, limit: 200 });
  for (const m of messages) {
    if (m.body !== row.content || (m.dateCreated && m.dateCreated < since) || m.direction === "inbound") continue;
    const owner = await ProviderSid.findOne({ sid: m.sid }, { communication_id: 1 }).lean();
    if (owner && !(owner.communication_id as Types.ObjectId).equals(row._id)) continue;
    return m;
  }
  return null;
}

/**
 * The send job: one stored text to Twilio, exactly once. It re-checks the gate (the number may
 * have said STOP since, the hour may be late), waits for the company's sending pace, reconciles
 * an interrupted earlier attempt against Twilio's message list, marks the attempt, then calls
 * Twilio through the SDK. Refusals by Twilio are stored with their meaning in words; network and
 * 5xx errors retry (and the retry reconciles first).
 */
export async function processSendJob(job: Job<SendJob>, token?: string): Promise<SendOutcome> {
  try {
    return await sendOnce(job, token);
  } catch (err) {
    if (!(err instanceof DelayedError) && job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await giveUp(job.data, err as Error);
    throw err;
  }
}

/**
 * The last attempt failed (Twilio or the database unreachable all along): the text is marked
 * failed with the reason, so the sender sees it, instead of staying "queued" forever.
 */
async function giveUp({ tenantId, communicationId, version }: SendJob, err: Error): Promise<void> {
  const ctx = systemContext(tenantId, "job", communicationId, undefined, "Text sender");
  const row = await scoped(ctx, Communication).findById(communicationId, { send_attempted_at: 1 }).lean<Pick<Row, "send_attempted_at">>();
  const maybeSent = row?.send_attempted_at ? " It may have reached Twilio: check the lead's thread before sending it again." : "";
  await scoped(ctx, Communication).updateOne(
    { _id: communicationId, status: { $in: PENDING }, send_version: version, twilio_sid: { $exists: false } },
    { $set: { status: "failed", status_rank: 4, error_code: "send_error", error_message: `The text could not be sent after several tries (${err.message}).${maybeSent}` } },
  );
}

async function sendOnce(job: Job<SendJob>, token?: string): Promise<SendOutcome> {
  const { tenantId, communicationId, version } = job.data;
  const ctx = systemContext(tenantId, "job", communicationId, undefined, "Text sender");
  const comms = scoped(ctx, Communication);
  const row = await comms.findById(communicationId).lean<Row>();
  if (!row || !PENDING.includes(row.status) || (row.send_version ?? 0) !== version || row.twilio_sid) return "skipped";
  // A text stored without its numbers (not through requestText) can never go: say so once, instead
  // of throwing on every retry and every sweep.
  if (!row.to_number || !row.from_number) return fail(ctx, row._id, "invalid_request", "This text has no number to send to or from; write it again from the conversation.");
  const twilio = await twilioClientFor(ctx);
  if (!twilio) return fail(ctx, row._id, "not_configured", "Twilio is not set up for this workspace.");

  if (row.send_attempted_at) {
    const earlier = await findEarlierAttempt(ctx, twilio, row);
    if (earlier) {
      await recordSent(ctx, row, { sid: earlier.sid, status: earlier.status, price: earlier.price, priceUnit: earlier.priceUnit, errorCode: earlier.errorCode });
      return "adopted";
    }
  } else {
    const recipient = await loadRecipient(ctx, row.recipient_type, String(row.recipient_id));
    if (!recipient) return fail(ctx, row._id, "not_found", "The recipient was deleted before the text went.");
    const now = outreachNow();
    const gate = await checkOutreach(ctx, { channel: "sms", recipient, phone: row.to_number, at: now, excludeCommunicationId: String(row._id) });
    if (!gate.ok) return fail(ctx, row._id, gate.code, gate.message);
    if (gate.sendAt.getTime() > now.getTime() + 1000) {
      const next = version + 1;
      const moved = await comms.updateOne(
        { _id: row._id, status: { $in: PENDING }, send_version: version },
        { $set: { status: "scheduled", scheduled_at: gate.sendAt, send_version: next, ...(gate.deferral ? { deferral: gate.deferral } : {}) } },
      );
      if (moved.modifiedCount) await enqueueSend({ tenantId, communicationId, version: next }, gate.sendAt);
      return "deferred";
    }
  }

  let permit;
  try {
    permit = await reserveSend({ kind: "text", tenantId, senderId: row.sender_id ? String(row.sender_id) : undefined, to: row.to_number });
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited" && token) {
      await job.moveToDelayed(Date.now() + (err.retryAfterSeconds ?? 5) * 1000, token);
      throw new DelayedError();
    }
    throw err;
  }

  // Mark the attempt before calling Twilio: if we die after Twilio's answer, the retry reconciles.
  // The mark is a claim (it names the attempt it replaces): a stalled job's first run, still
  // alive beside its second, cannot both call Twilio.
  const marked = await comms.updateOne(
    { _id: row._id, status: { $in: PENDING }, send_version: version, send_attempted_at: row.send_attempted_at ?? { $exists: false } },
    { $set: { status: "queued", send_attempted_at: new Date(), status_rank: 0 }, $unset: { deferral: 1 } },
  );
  if (marked.modifiedCount === 0) return "skipped";

  redeemPermit(permit, "sms");
  try {
    const msg = await twilio.client.messages.create({
      to: row.to_number,
      from: row.from_number,
      body: row.content,
      statusCallback: twilioWebhookUrl("messageStatus"),
    });
    await recordSent(ctx, row, { sid: msg.sid, status: msg.status, price: msg.price, priceUnit: msg.priceUnit, errorCode: msg.errorCode });
    return "sent";
  } catch (err) {
    const twilioError = twilioErrorOf(err);
    if (!twilioError || twilioError.status >= 500 || twilioError.status === 429) throw err;
    // Twilio refused it for good (it was not created): say why, in words.
    if (twilioError.code === 21610) await optOutNumber(ctx, row.to_number, { source: "twilio" });
    await comms.updateOne(
      { _id: row._id },
      { $set: { status: "failed", status_rank: 4, error_code: String(twilioError.code ?? twilioError.status), error_message: explainTwilioError(twilioError.code, twilioError.message) } },
    );
    return "failed";
  }
}
