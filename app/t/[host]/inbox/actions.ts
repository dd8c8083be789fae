"use server";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { countBulkTextRecipients, getBulkTextSummary, startBulkText, startBulkTextSchema } from "@/lib/communications/bulk/bulk-text";
import { bulkTargetSchema } from "@/lib/leads/bulk/target";
import { composeText, composeTextSchema } from "@/lib/communications/compose/compose-text";
import { INBOX_FILTERS, listConversations } from "@/lib/communications/conversations/list-conversations";
import { cancelScheduledText, editScheduledText, listScheduledTexts, rescheduleText } from "@/lib/communications/send/scheduled-texts";
import { sendEmailSchema, sendEmailToContact } from "@/lib/communications/email/send-email";
import { simulateInboundReply } from "@/lib/communications/dev/simulate-reply";
import { getTextingStatus } from "@/lib/communications/sending-status";
import { markThreadRead, readThread } from "@/lib/communications/thread/read-thread";
import { assignLead } from "@/lib/leads/write/assign-lead";
import { listTemplates } from "@/lib/templates/templates";

const contact = z.object({ kind: z.enum(["lead", "buyer"]), id: z.string().min(1) });

export const listConversationsAction = tenantAction(
  z.object({ filter: z.enum(INBOX_FILTERS).default("all"), before: z.string().max(100).nullish() }),
  "communications.read",
  (ctx, { filter, before }) => listConversations(ctx, { filter, before }),
);

/** A contact's thread and its scheduled texts, as the thread panel shows them. */
export const loadThreadAction = tenantAction(contact, "communications.read", async (ctx, { kind, id }) => {
  const [thread, scheduled, sending] = await Promise.all([readThread(ctx, kind, id), listScheduledTexts(ctx, { recipient: { kind, id } }), getTextingStatus(ctx)]);
  return {
    ...thread,
    sendingWarning: sending.warning,
    simulated: sending.simulated,
    scheduled: scheduled.map((s) => ({ id: s.id, body: s.body, sendAt: s.sendAt.toISOString(), deferral: s.deferral ? { until: s.deferral.until.toISOString(), reason: s.deferral.reason } : null })),
  };
});

export const markReadAction = tenantAction(contact, "communications.read", (ctx, { kind, id }) => markThreadRead(ctx, kind, id));

export const sendTextAction = tenantAction(composeTextSchema, "communications.write", (ctx, input) => composeText(ctx, input));

export const cancelScheduledAction = tenantAction(z.object({ id: z.string().min(1) }), "communications.write", async (ctx, { id }) => {
  await cancelScheduledText(ctx, id);
  return null;
});

export const rescheduleAction = tenantAction(z.object({ id: z.string().min(1), send_at: z.string().min(1, "Choose a date and time") }), "communications.write", async (ctx, { id, send_at }) => {
  const r = await rescheduleText(ctx, id, new Date(send_at));
  return { sendAt: r.sendAt.toISOString(), deferredUntil: r.deferredUntil?.toISOString() ?? null, reason: r.reason ?? null };
});

export const editScheduledAction = tenantAction(z.object({ id: z.string().min(1), body: z.string().max(5000) }), "communications.write", (ctx, { id, body }) => editScheduledText(ctx, id, body));

export const assignConversationAction = tenantAction(z.object({ lead_id: z.string().min(1), user_id: z.string().optional() }), "leads.assign", async (ctx, { lead_id, user_id }) => {
  await assignLead(ctx, lead_id, user_id || undefined);
  return null;
});

export const listTextTemplatesAction = tenantAction(z.object({}), "templates.read", async (ctx) =>
  (await listTemplates(ctx, { type: "sms", activeOnly: true })).map((t) => ({ id: t.id, name: t.name, content: t.content, category: t.category })),
);

export const startBulkTextAction = tenantAction(startBulkTextSchema, "communications.write", (ctx, input) => startBulkText(ctx, input));

/** How many leads a bulk text to this selection or view would go to, shown before sending. */
export const bulkTextRecipientsAction = tenantAction(z.object({ target: bulkTargetSchema }), "communications.write", (ctx, { target }) => countBulkTextRecipients(ctx, target));

export const bulkTextSummaryAction = tenantAction(z.object({ bulk_id: z.string().min(1) }), "communications.read", (ctx, { bulk_id }) => getBulkTextSummary(ctx, bulk_id));

/** Development only (a company on the simulated local Twilio): the contact "replies" through a signed webhook. */
export const simulateReplyAction = tenantAction(
  z
    .object({ kind: z.enum(["lead", "buyer"]), id: z.string().min(1), body: z.string().trim().max(1600), photo: z.boolean().default(false) })
    .refine((v) => v.body.length > 0 || v.photo, { message: "Write the reply", path: ["body"] }),
  "communications.write",
  (ctx, { kind, id, body, photo }) => simulateInboundReply(ctx, { to: { kind, id }, body, photos: photo ? 1 : 0 }),
);

export const sendEmailAction = tenantAction(sendEmailSchema, "communications.write", (ctx, input) => sendEmailToContact(ctx, input));

export const listEmailTemplatesAction = tenantAction(z.object({}), "templates.read", async (ctx) =>
  (await listTemplates(ctx, { type: "email", activeOnly: true })).map((t) => ({ id: t.id, name: t.name, content: t.content, category: t.category })),
);
