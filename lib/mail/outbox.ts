import "server-only";
import { tenantObjectId, type TenantContext } from "@/lib/core/db/tenant-context";
import { MailMessage } from "@/models/mail-message";
import { mailTransport } from "./send-mail";

export type OutboxMessage = { id: string; to: string; subject: string; text: string; kind?: string; createdAt: string };

/** Whether mail is being kept in the outbox (no SMTP server configured). */
export function outboxInUse(): boolean {
  return mailTransport().kind === "outbox";
}

/** The newest outbox messages sent for this company, newest first. */
export async function listOutbox(ctx: TenantContext, { limit = 50 }: { limit?: number } = {}): Promise<OutboxMessage[]> {
  const rows = await MailMessage.find({ tenant_id: tenantObjectId(ctx) })
    .sort({ created_at: -1, _id: -1 })
    .limit(Math.min(Math.max(limit, 1), 200))
    .lean();
  return rows.map((m) => ({
    id: String(m._id),
    to: m.to,
    subject: m.subject,
    text: m.text,
    kind: m.kind ?? undefined,
    createdAt: (m.created_at as Date).toISOString(),
  }));
}
