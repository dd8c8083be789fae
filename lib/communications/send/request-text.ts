import "server-only";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { senderFor } from "@/lib/providers/twilio/sender";
import { Communication, type SEND_SOURCES } from "@/models/communication";
import { SendIntent } from "@/models/send-intent";
import { Template } from "@/models/template";
import { checkOutreach, type RefusalCode } from "../compliance/gate";
import { loadRecipient, type RecipientKind } from "../recipients";
import { outreachNow } from "../clock";
import { enqueueSend } from "./queue";

/** Twilio's limit for one message's body. */
export const MAX_TEXT_LENGTH = 1600;

export type TextRequest = {
  to: { kind: RecipientKind; id: string; phone?: string };
  body: string;
  templateId?: string;
  sendAt?: Date;
  /** The caller's key for this one message: the same key never sends twice. */
  intentKey: string;
  source?: (typeof SEND_SOURCES)[number];
};

export type TextRequestCode = RefusalCode | "invalid_body" | "invalid_request" | "not_found" | "not_configured";

export type TextRequestResult =
  | { ok: true; communicationId: string; status: "queued" | "scheduled" | "deferred"; sendAt: Date; deferredUntil?: Date; reason?: string; existing?: boolean }
  | { ok: false; code: TextRequestCode; message: string; field?: string };

type StoredText = { _id: Types.ObjectId; tenant_id?: unknown; send_version?: number | null; status?: string | null; scheduled_at?: Date | null; created_at?: Date; deferral?: { until?: Date | null; reason?: string | null } | null };

function resultOf(doc: StoredText, existing = false): TextRequestResult {
  const deferred = doc.deferral?.until ? { status: "deferred" as const, deferredUntil: doc.deferral.until, reason: doc.deferral.reason ?? undefined } : null;
  const status = deferred ? "deferred" : doc.status === "scheduled" ? "scheduled" : "queued";
  return { ok: true, communicationId: String(doc._id), status, sendAt: doc.scheduled_at ?? doc.created_at ?? new Date(), ...(deferred ?? {}), ...(existing ? { existing } : {}) };
}

/** The same key asked again: the first answer, and its job queued again if it is still pending (queuing is idempotent). */
async function again(ctx: TenantContext, doc: StoredText): Promise<TextRequestResult> {
  if (doc.status === "queued" || doc.status === "scheduled") {
    await enqueueSend({ tenantId: ctx.tenantId, communicationId: String(doc._id), version: doc.send_version ?? 0 }, doc.scheduled_at ?? new Date());
  }
  return resultOf(doc, true);
}

const bad = (code: TextRequestCode, message: string, field?: string): TextRequestResult => ({ ok: false, code, message, ...(field ? { field } : {}) });

/**
 * The one way a text is sent, for every sender (compose, bulk, a schedule, a template, an
 * automation): checks the recipient through the compliance gate, stores the communication
 * (queued, or scheduled when it waits for sendAt or for the hours the law allows, saying why) and
 * queues its send job (delayed when it waits). One intentKey gives at most one communication and
 * one Twilio message, ever: asking again answers with the first one.
 */
export async function requestText(ctx: TenantContext, req: TextRequest): Promise<TextRequestResult> {
  requirePermission(ctx, "communications.write");
  const intentKey = typeof req.intentKey === "string" ? req.intentKey.trim() : "";
  if (!intentKey || intentKey.length > 200) return bad("invalid_request", "intentKey must be 1 to 200 characters.", "intentKey");
  const intents = scoped(ctx, SendIntent);
  const prior = await intents.findOne({ key: intentKey }).lean();
  if (prior) {
    const doc = await scoped(ctx, Communication).findById(String(prior.communication_id)).lean<StoredText>();
    if (doc) return again(ctx, doc);
  }

  const body = typeof req.body === "string" ? req.body : "";
  if (!body.trim()) return bad("invalid_body", "Write a message to send.", "body");
  if (body.length > MAX_TEXT_LENGTH) return bad("invalid_body", `A text can be at most ${MAX_TEXT_LENGTH.toLocaleString("en-US")} characters; this one has ${body.length.toLocaleString("en-US")}.`, "body");
  if (req.sendAt !== undefined && (!(req.sendAt instanceof Date) || Number.isNaN(req.sendAt.getTime()))) return bad("invalid_request", "Choose a valid date and time to send.", "sendAt");
  if (req.to?.kind !== "lead" && req.to?.kind !== "buyer") return bad("invalid_request", "Choose a lead or a buyer to text.", "to");
  let templateId: Types.ObjectId | undefined;
  if (req.templateId !== undefined) {
    const template = await scoped(ctx, Template).findById(req.templateId, { _id: 1 }).lean();
    if (!template) return bad("not_found", "Template not found.", "templateId");
    templateId = template._id as Types.ObjectId;
  }

  const recipient = await loadRecipient(ctx, req.to.kind, String(req.to.id ?? ""));
  if (!recipient) return bad("not_found", `${req.to.kind === "lead" ? "Lead" : "Buyer"} not found.`, "to");
  const sender = await senderFor(ctx);
  if (!sender) return bad("not_configured", "Twilio is not set up for this workspace: an admin adds the account and a phone number in Settings → Twilio.");

  const now = outreachNow();
  const asked = req.sendAt && req.sendAt > now ? req.sendAt : now;
  const gate = await checkOutreach(ctx, { channel: "sms", recipient, phone: req.to.phone, at: asked });
  if (!gate.ok) return gate;

  // Claim the key first: whoever wins writes the communication, with the id the claim names.
  const id = new Types.ObjectId();
  let communicationId = id;
  try {
    await intents.create({ key: intentKey, communication_id: id });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const claim = await intents.findOne({ key: intentKey }).lean();
    if (!claim) throw err;
    const doc = await scoped(ctx, Communication).findById(String(claim.communication_id)).lean<StoredText>();
    if (doc) return again(ctx, doc);
    communicationId = claim.communication_id as Types.ObjectId;
  }

  const waits = gate.sendAt.getTime() > now.getTime() + 1000;
  const fields = {
    _id: communicationId,
    type: "sms",
    direction: "outbound",
    recipient_type: recipient.kind,
    recipient_id: new Types.ObjectId(recipient.id),
    ...(ctx.userId ? { sender_id: new Types.ObjectId(ctx.userId) } : {}),
    content: body,
    status: waits ? "scheduled" : "queued",
    scheduled_at: gate.sendAt,
    from_number: sender.from,
    to_number: gate.phone.number,
    intent_key: intentKey,
    source: req.source ?? (req.sendAt ? "schedule" : "compose"),
    ...(templateId ? { template_id: templateId } : {}),
    ...(gate.deferral ? { deferral: gate.deferral } : {}),
    send_version: 0,
  };
  try {
    await scoped(ctx, Communication).create(fields);
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  await enqueueSend({ tenantId: ctx.tenantId, communicationId: String(communicationId), version: 0 }, gate.sendAt);
  return resultOf({ ...fields, created_at: now });
}
