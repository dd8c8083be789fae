import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { renderTemplate } from "@/lib/templates/render";
import { templateValuesFor } from "@/lib/templates/template-values";
import { outreachNow } from "../clock";
import { outreachLocations } from "../compliance/quiet-hours";
import { describeLocal, nextLocalHourEverywhere } from "../local-morning";
import { loadRecipient, type Recipient } from "../recipients";
import { requestText } from "../send/request-text";

export const composeTextSchema = z.object({
  kind: z.enum(["lead", "buyer"], { error: "Choose a lead or a buyer" }),
  id: z.string().min(1, "Choose a contact"),
  body: z.string({ error: "Write a message" }).max(1600, "A text can be at most 1,600 characters"),
  template_id: z.string().optional(),
  when: z.enum(["now", "later", "morning"]).default("now"),
  send_at: z.string().optional(),
  intent_key: z.string().min(8, "Missing send key: reload the page").max(120),
  fill_in: z.record(z.string(), z.string().max(200)).optional(),
});

export type ComposeTextInput = z.infer<typeof composeTextSchema>;

export type ComposeOutcome = {
  communicationId: string;
  status: "queued" | "scheduled" | "deferred";
  /** What the sender reads: "Sending…", "Scheduled for …", "Deferred to 8:00 am … (Florida …)". */
  message: string;
};

const placesOf = (recipient: Recipient) => outreachLocations({ property: recipient.property ?? undefined, mailing: recipient.mailing ?? undefined, phone: recipient.phones[0]?.number ?? null });

/** The contact's own time zone as outreach sees it (property, mailing address, area code). */
export function contactZone(recipient: Recipient): string {
  return placesOf(recipient)[0]?.zones[0] ?? "America/New_York";
}

/**
 * "At the contact's 9 am": 9:00 where it comes last of every zone the contact may be in (the
 * property's, the mailing address's, the phone's area code's: the stricter), so it is 9 am or later
 * wherever they are; the gate may still move it (Texas on a Sunday waits until noon).
 */
export function contactMorning(recipient: Recipient, now: Date): { at: Date; zone: string } {
  return nextLocalHourEverywhere(placesOf(recipient).flatMap((l) => l.zones), now, 9);
}

/**
 * A text written in the compose box: its variables filled for this contact (again here, whatever
 * the browser showed: a missing value refuses the send naming it), its time resolved ("now", a
 * time chosen, or 9 am in the contact's zone), then handed to requestText, the one sending path,
 * under the compose form's own intent key so a double click or a retry sends once.
 */
export async function composeText(ctx: TenantContext, input: ComposeTextInput): Promise<ComposeOutcome> {
  const recipient = await loadRecipient(ctx, input.kind, input.id);
  if (!recipient) throw new AppError("not_found", `${input.kind === "lead" ? "Lead" : "Buyer"} not found`);
  const { values, customKeys } = await templateValuesFor(ctx, { kind: input.kind, id: input.id }, input.fill_in);
  const rendered = renderTemplate(input.body, values, customKeys);
  if (!rendered.ok) throw new AppError("bad_request", rendered.message, { body: [rendered.message] });
  if (!rendered.text.trim()) throw new AppError("bad_request", "Write a message to send.", { body: ["Write a message to send."] });

  let zone = contactZone(recipient);
  let sendAt: Date | undefined;
  if (input.when === "later") {
    const at = input.send_at ? new Date(input.send_at) : null;
    if (!at || Number.isNaN(at.getTime())) throw new AppError("bad_request", "Choose when to send.", { send_at: ["Choose a date and time"] });
    if (at.getTime() < outreachNow().getTime() - 60_000) throw new AppError("bad_request", "That time has passed.", { send_at: ["Choose a time in the future"] });
    sendAt = at;
  } else if (input.when === "morning") {
    const morning = contactMorning(recipient, outreachNow());
    sendAt = morning.at;
    zone = morning.zone;
  }

  const result = await requestText(ctx, {
    to: { kind: input.kind, id: input.id },
    body: rendered.text,
    templateId: input.template_id || undefined,
    sendAt,
    intentKey: `compose:${input.intent_key}`,
    source: sendAt ? "schedule" : input.template_id ? "template" : "compose",
  });
  if (!result.ok) throw new AppError(result.code === "not_found" ? "not_found" : "conflict", result.message, result.field ? { [result.field]: [result.message] } : undefined);
  const message =
    result.status === "deferred"
      ? `Deferred to ${describeLocal(result.deferredUntil ?? result.sendAt, zone)}${result.reason ? `: ${result.reason}` : ""}`
      : result.status === "scheduled"
        ? `Scheduled for ${describeLocal(result.sendAt, zone)}`
        : "Sending…";
  return { communicationId: result.communicationId, status: result.status, message };
}
