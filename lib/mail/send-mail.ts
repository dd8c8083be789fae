import "server-only";
import { appDomain } from "@/lib/core/env";
import { redeemPermit, type SendPermit } from "@/lib/core/rate-limit/send-limits";
import { outboxTransport } from "./outbox-transport";
import { smtpTransport } from "./smtp-transport";
import type { MailInput, MailTransport } from "./types";

let cached: { url: string; transport: MailTransport } | null = null;

/** The transport in force: SMTP when SMTP_URL is set, else the database outbox. */
export function mailTransport(): MailTransport {
  const url = process.env.SMTP_URL?.trim();
  if (!url) return outboxTransport;
  if (cached?.url !== url) cached = { url, transport: smtpTransport(url) };
  return cached.transport;
}

/** The sender address: MAIL_FROM, or no-reply at the app's domain. */
export function mailFrom(): string {
  const host = appDomain().replace(/:\d+$/, "");
  return process.env.MAIL_FROM?.trim() || `DealCycle <no-reply@${host.includes(".") ? host : `${host}.test`}>`;
}

/** What a caller writes; the recipient, the company and the kind come from the permit. */
export type MailContent = Pick<MailInput, "subject" | "text" | "html">;

/**
 * Sends one e-mail under a permit from reserveSend (lib/core/rate-limit/send-limits.ts): no mail leaves
 * without having been paid for in the per-workspace, per-sender and per-recipient budgets.
 */
export async function sendMail(permit: SendPermit, mail: MailContent): Promise<void> {
  redeemPermit(permit, "email");
  await mailTransport().send({ ...mail, to: permit.to, tenantId: permit.tenantId, kind: permit.kind, from: mailFrom() });
}
