import "server-only";
import { appDomain } from "@/lib/env";
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

export async function sendMail(mail: MailInput): Promise<void> {
  await mailTransport().send({ ...mail, from: mailFrom() });
}
