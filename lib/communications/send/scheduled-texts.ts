import "server-only";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { Communication } from "@/models/communication";
import { checkOutreach } from "../compliance/gate";
import { MAX_TEXT_LENGTH } from "./request-text";
import { loadRecipient, type RecipientKind } from "../recipients";
import { outreachNow } from "../clock";
import { enqueueSend } from "./queue";

export type ScheduledTextView = {
  id: string;
  recipient: { kind: RecipientKind; id: string };
  to: string | null;
  body: string;
  sendAt: Date;
  deferral: { until: Date; reason: string; rule: string } | null;
  source: string | null;
  senderId: string | null;
};

type Row = Record<string, any>;

const toView = (r: Row): ScheduledTextView => ({
  id: String(r._id),
  recipient: { kind: r.recipient_type, id: String(r.recipient_id) },
  to: r.to_number ?? null,
  body: r.content ?? "",
  sendAt: r.scheduled_at,
  deferral: r.deferral?.until ? { until: r.deferral.until, reason: r.deferral.reason ?? "", rule: r.deferral.rule ?? "" } : null,
  source: r.source ?? null,
  senderId: r.sender_id ? String(r.sender_id) : null,
});

/** A text this person may change: one of the company's scheduled ones, to a recipient they may see. */
async function pendingText(ctx: TenantContext, id: string): Promise<Row> {
  requirePermission(ctx, "communications.write");
  const row = await scoped(ctx, Communication).findOne({ _id: Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null, type: "sms", direction: "outbound" }).lean<Row>();
  if (!row || !(await loadRecipient(ctx, row.recipient_type, String(row.recipient_id)))) throw notFound("Scheduled text");
  return row;
}

/** The company's texts waiting to go (sendAt later or deferred by the rules), soonest first. */
export async function listScheduledTexts(ctx: TenantContext, filter: { recipient?: { kind: RecipientKind; id: string } } = {}): Promise<ScheduledTextView[]> {
  requirePermission(ctx, "communications.read");
  const where: Record<string, unknown> = { type: "sms", direction: "outbound", status: "scheduled" };
  if (filter.recipient) {
    if (!Types.ObjectId.isValid(filter.recipient.id)) return [];
    Object.assign(where, { recipient_type: filter.recipient.kind, recipient_id: new Types.ObjectId(filter.recipient.id) });
  }
  const rows = await scoped(ctx, Communication).find(where).lean<Row[]>();
  const visible: Row[] = [];
  const seen = new Map<string, boolean>();
  for (const r of rows) {
    const key = `${r.recipient_type}:${r.recipient_id}`;
    if (!seen.has(key)) seen.set(key, !!(await loadRecipient(ctx, r.recipient_type, String(r.recipient_id))));
    if (seen.get(key)) visible.push(r);
  }
  return visible.map(toView).sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
}

/** Calls off a scheduled text before it goes. A text already handed to Twilio cannot be cancelled. */
export async function cancelScheduledText(ctx: TenantContext, id: string): Promise<void> {
  const row = await pendingText(ctx, id);
  const res = await scoped(ctx, Communication).updateOne(
    { _id: row._id, status: { $in: ["scheduled", "queued"] }, send_attempted_at: { $exists: false } },
    { $set: { status: "canceled" }, $inc: { send_version: 1 } },
  );
  if (res.modifiedCount === 0) throw new AppError("conflict", "This text is already on its way and can no longer be cancelled.");
}

/**
 * Moves a scheduled text to another time, through the same gate as a new one (a time outside the
 * hours the law allows moves on to the next allowed one, saying why).
 */
export async function rescheduleText(ctx: TenantContext, id: string, sendAt: Date): Promise<{ sendAt: Date; deferredUntil?: Date; reason?: string }> {
  if (!(sendAt instanceof Date) || Number.isNaN(sendAt.getTime())) throw new AppError("bad_request", "Please correct the highlighted fields.", { sendAt: ["Choose a valid date and time"] });
  const row = await pendingText(ctx, id);
  if (row.status !== "scheduled" && row.status !== "queued") throw new AppError("conflict", "This text has already been sent or cancelled.");
  const recipient = (await loadRecipient(ctx, row.recipient_type, String(row.recipient_id)))!;
  const now = outreachNow();
  const gate = await checkOutreach(ctx, { channel: "sms", recipient, phone: row.to_number, at: sendAt > now ? sendAt : now, excludeCommunicationId: String(row._id) });
  if (!gate.ok) throw new AppError("conflict", gate.message);
  const version = (row.send_version ?? 0) + 1;
  const res = await scoped(ctx, Communication).updateOne(
    { _id: row._id, status: { $in: ["scheduled", "queued"] }, send_attempted_at: { $exists: false }, send_version: row.send_version ?? 0 },
    {
      $set: { status: gate.sendAt.getTime() > now.getTime() + 1000 ? "scheduled" : "queued", scheduled_at: gate.sendAt, send_version: version, ...(gate.deferral ? { deferral: gate.deferral } : {}) },
      ...(gate.deferral ? {} : { $unset: { deferral: 1 } }),
    },
  );
  if (res.modifiedCount === 0) throw new AppError("conflict", "This text changed meanwhile (sent, cancelled or rescheduled); reload and try again.");
  await enqueueSend({ tenantId: ctx.tenantId, communicationId: String(row._id), version }, gate.sendAt);
  return { sendAt: gate.sendAt, ...(gate.deferral ? { deferredUntil: gate.deferral.until, reason: gate.deferral.reason } : {}) };
}

/**
 * Changes the words of a scheduled text before it goes. Bumps its version and queues it again at
 * the same time, so a send job that read the old words before this edit does nothing (its claim
 * names the old version) and the new one sends these words.
 */
export async function editScheduledText(ctx: TenantContext, id: string, body: string): Promise<{ body: string }> {
  const text = typeof body === "string" ? body : "";
  if (!text.trim()) throw new AppError("bad_request", "Please correct the highlighted fields.", { body: ["Write a message to send."] });
  if (text.length > MAX_TEXT_LENGTH) throw new AppError("bad_request", "Please correct the highlighted fields.", { body: [`A text can be at most ${MAX_TEXT_LENGTH.toLocaleString("en-US")} characters; this one has ${text.length.toLocaleString("en-US")}.`] });
  const row = await pendingText(ctx, id);
  if (row.status !== "scheduled" && row.status !== "queued") throw new AppError("conflict", "This text has already been sent or cancelled.");
  const version = (row.send_version ?? 0) + 1;
  const res = await scoped(ctx, Communication).updateOne(
    { _id: row._id, status: { $in: ["scheduled", "queued"] }, send_attempted_at: { $exists: false }, send_version: row.send_version ?? 0 },
    { $set: { content: text, send_version: version } },
  );
  if (res.modifiedCount === 0) throw new AppError("conflict", "This text is already on its way or changed meanwhile; reload and try again.");
  await enqueueSend({ tenantId: ctx.tenantId, communicationId: String(row._id), version }, row.scheduled_at ?? outreachNow());
  return { body: text };
}
