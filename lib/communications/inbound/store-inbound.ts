import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext } from "@/lib/core/db/tenant-context";
import { Communication } from "@/models/communication";
import { classifyInbound } from "../compliance/keywords";
import { claimSids } from "../provider-records";
import { findOrCreateSender, type Party } from "./find-sender";

/** What the inbound job needs of Twilio's parameters. */
export type InboundSms = { tenantId: string; sid: string; from: string; to: string; body: string; media: string[]; receivedAt: string };
export type InboundOutcome = "stored" | "duplicate" | "foreign";

const webhookContext = (tenantId: string, sid?: string) => systemContext(tenantId, "webhook", sid, undefined, "Twilio webhook");

/**
 * Stores inbound texts, each once by its SID, against its lead or buyer (a new lead when the
 * number is unknown); the outcome of each, in order. The texts of a company are written together:
 * one insert, one domain event, so the inbox row and the counters of a contact that sent several
 * are derived once. A text Twilio repeated, here or in an earlier job, is stored once.
 */
export async function storeInboundTexts(items: readonly InboundSms[]): Promise<InboundOutcome[]> {
  const outcomes: InboundOutcome[] = new Array(items.length);
  const byTenant = new Map<string, number[]>();
  items.forEach((item, i) => byTenant.set(item.tenantId, [...(byTenant.get(item.tenantId) ?? []), i]));
  await Promise.all(
    [...byTenant].map(async ([tenantId, indexes]) => {
      const stored = await storeCompanyTexts(tenantId, indexes.map((i) => items[i]));
      indexes.forEach((i) => (outcomes[i] = stored.get(items[i].sid)!));
    }),
  );
  return outcomes;
}

async function storeCompanyTexts(tenantId: string, items: InboundSms[]): Promise<Map<string, InboundOutcome>> {
  const outcomes = new Map<string, InboundOutcome>();
  // Twilio's repeat of a text may sit in the same batch: one copy is stored, both answered alike.
  const texts = [...new Map(items.map((t) => [t.sid, t])).values()];
  const ctx = webhookContext(tenantId, texts.length === 1 ? texts[0].sid : undefined);
  const comms = scoped(ctx, Communication);

  // Each SID is claimed (a unique insert) before its message is written under the claimed id: a
  // repeat finds the claim, and the message stored under it when the first copy got that far.
  const claimed = await claimSids(ctx, texts.map((t) => ({ sid: t.sid, id: new Types.ObjectId() })));
  const toStore: { text: InboundSms; id: Types.ObjectId }[] = [];
  await Promise.all(
    texts.map(async (text, i) => {
      const claim = claimed[i];
      if (!claim) return outcomes.set(text.sid, "foreign");
      if (!claim.claimed && (await comms.exists({ _id: claim.id }))) return outcomes.set(text.sid, "duplicate");
      toStore.push({ text, id: claim.id });
    }),
  );
  if (!toStore.length) return outcomes;

  // One lookup (or new lead) per number, however many of its texts the batch holds.
  const numbers = [...new Map(toStore.map(({ text }) => [text.from, text.sid])).entries()];
  const senders = new Map<string, Party>(
    await Promise.all(numbers.map(async ([number, sid]) => [number, await findOrCreateSender(webhookContext(tenantId, sid), number, "inbound_sms")] as const)),
  );

  const docs = toStore.map(({ text, id }) => {
    const sender = senders.get(text.from)!;
    const intent = classifyInbound(text.body);
    const at = new Date(text.receivedAt);
    return {
      _id: id,
      type: "sms",
      direction: "inbound",
      recipient_type: sender.kind,
      recipient_id: sender.id,
      content: text.body,
      status: "received",
      twilio_sid: text.sid,
      twilio_status: "received",
      status_rank: 2,
      from_number: text.from,
      to_number: text.to,
      sent_at: at,
      ...(text.media.length ? { media_urls: text.media } : {}),
      ...(intent.kind === "review" ? { review: { reason: intent.reason, flagged_at: at } } : {}),
    };
  });
  try {
    await comms.insertMany(docs, { ordered: false });
    toStore.forEach(({ text }) => outcomes.set(text.sid, "stored"));
  } catch (err) {
    // Another copy of a text stored it under the same claimed id meanwhile: that one is a duplicate,
    // the rest of the batch is stored. Anything else fails the batch (its jobs retry).
    const writeErrors = (err as { writeErrors?: { index?: number; err?: { index?: number; code?: number }; code?: number }[] }).writeErrors;
    const failed = (writeErrors ?? []).map((e) => ({ index: e.index ?? e.err?.index, code: e.code ?? e.err?.code }));
    if (!writeErrors?.length || failed.some((e) => e.code !== 11000 || typeof e.index !== "number")) throw err;
    const duplicates = new Set(failed.map((e) => e.index));
    toStore.forEach(({ text }, i) => outcomes.set(text.sid, duplicates.has(i) ? "duplicate" : "stored"));
  }
  return outcomes;
}
