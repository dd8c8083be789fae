import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { getLeadDocumentOrThrow } from "@/lib/leads/get-lead";
import { CALL_DISPOSITIONS, Communication } from "@/models/communication";
import { loadRecipient } from "../recipients";

export type CallDisposition = (typeof CALL_DISPOSITIONS)[number];

/**
 * The rep's note and disposition after a call (no answer, left voicemail, talked, wrong number).
 * "Wrong number" marks that number wrong on the lead, so no text or call goes to it again.
 */
export async function logCallOutcome(ctx: TenantContext, communicationId: string, input: { disposition: CallDisposition; note?: string }): Promise<void> {
  requirePermission(ctx, "communications.write");
  if (!(CALL_DISPOSITIONS as readonly string[]).includes(input.disposition)) {
    throw new AppError("bad_request", "Please correct the highlighted fields.", { disposition: [`Choose one of: ${CALL_DISPOSITIONS.join(", ")}`] });
  }
  const note = (input.note ?? "").trim();
  if (note.length > 5000) throw new AppError("bad_request", "Please correct the highlighted fields.", { note: ["A note can be at most 5,000 characters"] });
  const row = isObjectIdString(communicationId) ? await scoped(ctx, Communication).findOne({ _id: communicationId, type: "call" } as Record<string, unknown>).lean() : null;
  if (!row || !(await loadRecipient(ctx, row.recipient_type as "lead" | "buyer", String(row.recipient_id)))) throw notFound("Call");
  await scoped(ctx, Communication).updateOne({ _id: row._id }, { $set: { disposition: input.disposition, ...(note ? { note } : {}) } });
  const number = row.direction === "outbound" ? row.to_number : row.from_number;
  if (input.disposition === "wrong_number" && row.recipient_type === "lead" && number) {
    const lead = await getLeadDocumentOrThrow(ctx, String(row.recipient_id));
    const phones = ((lead.get("phones") as { number: string; type?: string; status?: string }[] | undefined) ?? []).map((p) => ({ number: p.number, type: p.type, status: p.status }));
    const next = phones.some((p) => p.number === number) ? phones.map((p) => (p.number === number ? { ...p, status: "wrong_number" } : p)) : [...phones, { number, type: "unknown", status: "wrong_number" }];
    // Saved through the model (its derivations run); phones are not among the tracked fields an activity names.
    lead.set("phones", next);
    await lead.save();
  }
}
