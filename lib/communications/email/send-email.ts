import "server-only";
import { Types } from "mongoose";
import { z } from "zod";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { sendMail } from "@/lib/mail/send-mail";
import { reserveSend } from "@/lib/core/rate-limit/send-limits";
import { renderTemplate } from "@/lib/templates/render";
import { templateValuesFor } from "@/lib/templates/template-values";
import { Communication } from "@/models/communication";
import { SendIntent } from "@/models/send-intent";
import { Template } from "@/models/template";
import { loadRecipient } from "../recipients";

export const sendEmailSchema = z.object({
  kind: z.enum(["lead", "buyer"]),
  id: z.string().min(1, "Choose a contact"),
  subject: z.string().trim().min(1, "Write a subject").max(200, "A subject can be at most 200 characters"),
  body: z.string().trim().min(1, "Write the e-mail").max(20_000, "An e-mail can be at most 20,000 characters"),
  template_id: z.string().optional(),
  intent_key: z.string().min(8, "Missing send key: reload the page").max(120),
  fill_in: z.record(z.string(), z.string().max(200)).optional(),
});

export type EmailOutcome = { communicationId: string; status: "sent" | "failed"; message: string };

/**
 * An e-mail to a lead or buyer (SMTP_URL, or the development outbox), logged as a communication.
 * Rules the facts give for e-mail: one send per intent (the compose form's key, claimed before
 * anything goes), paid for in the per-company, per-sender and per-recipient budgets of
 * lib/core/rate-limit/send-limits.ts, and never to a contact tagged dnc. Inbound e-mail is out of scope.
 */
export async function sendEmailToContact(ctx: TenantContext, raw: unknown): Promise<EmailOutcome> {
  requirePermission(ctx, "communications.write");
  const input = sendEmailSchema.parse(raw);
  const recipient = await loadRecipient(ctx, input.kind, input.id);
  if (!recipient) throw new AppError("not_found", `${input.kind === "lead" ? "Lead" : "Buyer"} not found`);
  if (!recipient.email) throw new AppError("bad_request", `${recipient.name} has no e-mail address.`, { body: [`${recipient.name} has no e-mail address.`] });
  if (recipient.tags.includes("dnc")) throw new AppError("conflict", `${recipient.name} is on the do-not-contact list (tagged dnc).`);
  let templateId: Types.ObjectId | undefined;
  if (input.template_id) {
    const t = await scoped(ctx, Template).findById(input.template_id, { _id: 1 }).lean();
    if (!t) throw new AppError("not_found", "Template not found");
    templateId = t._id as Types.ObjectId;
  }
  const { values, customKeys } = await templateValuesFor(ctx, { kind: input.kind, id: input.id }, input.fill_in);
  const subject = renderTemplate(input.subject, values, customKeys);
  const body = renderTemplate(input.body, values, customKeys);
  const problems = [subject, body].filter((r) => !r.ok).map((r) => (r.ok ? "" : r.message));
  if (problems.length) throw new AppError("bad_request", problems.join(" "), { body: problems });

  const key = `email:${input.intent_key}`;
  const intents = scoped(ctx, SendIntent);
  const prior = await intents.findOne({ key }).lean();
  if (prior) {
    const doc = await scoped(ctx, Communication).findById(String(prior.communication_id), { status: 1 }).lean();
    return { communicationId: String(prior.communication_id), status: doc?.status === "failed" ? "failed" : "sent", message: "This e-mail was already sent." };
  }
  // Paid for before anything is written: a refused send leaves nothing behind.
  const permit = await reserveSend({ kind: "contact_email", tenantId: ctx.tenantId, senderId: ctx.userId, to: recipient.email });
  const id = new Types.ObjectId();
  try {
    await intents.create({ key, communication_id: id });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return { communicationId: String(id), status: "sent", message: "This e-mail was already sent." };
    throw err;
  }
  const comms = scoped(ctx, Communication);
  await comms.create({
    _id: id,
    type: "email",
    direction: "outbound",
    recipient_type: input.kind,
    recipient_id: new Types.ObjectId(input.id),
    ...(ctx.userId ? { sender_id: new Types.ObjectId(ctx.userId) } : {}),
    content: `Subject: ${(subject as { text: string }).text}\n\n${(body as { text: string }).text}`,
    status: "queued",
    to_number: undefined,
    intent_key: key,
    source: templateId ? "template" : "compose",
    ...(templateId ? { template_id: templateId } : {}),
  });
  try {
    await sendMail(permit, { subject: (subject as { text: string }).text, text: (body as { text: string }).text });
    await comms.updateOne({ _id: id }, { $set: { status: "sent", sent_at: new Date() } });
    return { communicationId: String(id), status: "sent", message: `E-mail sent to ${recipient.email}.` };
  } catch (err) {
    console.error("[email] send failed", err);
    await comms.updateOne({ _id: id }, { $set: { status: "failed", error_message: String((err as Error)?.message ?? err).slice(0, 500) } });
    return { communicationId: String(id), status: "failed", message: "The mail server refused this e-mail; it is logged as failed." };
  }
}
