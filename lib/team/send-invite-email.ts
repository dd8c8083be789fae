import "server-only";
import { sendMail } from "@/lib/mail/send-mail";
import type { Role } from "@/lib/core/db/tenant-context";
import type { SendPermit } from "@/lib/core/rate-limit/send-limits";
import { ROLE_LABELS } from "./roles";
import { tenantBaseUrl } from "./tenant-url";

export function inviteUrl(subdomain: string, token: string): string {
  return `${tenantBaseUrl(subdomain)}/invite/${token}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The invitation e-mail: who invited them, to which company, as what, and the link. The permit names the recipient. */
export async function sendInviteEmail(permit: SendPermit, input: {
  companyName: string;
  subdomain: string;
  role: Role;
  token: string;
  invitedBy?: string;
  expiresAt: Date;
}): Promise<void> {
  const url = inviteUrl(input.subdomain, input.token);
  const who = input.invitedBy ? `${input.invitedBy} invited you` : "You are invited";
  const role = ROLE_LABELS[input.role];
  const expires = input.expiresAt.toUTCString();
  const text = [
    `${who} to join ${input.companyName} on DealCycle as ${role === "Admin" ? "an" : "a"} ${role}.`,
    "",
    `Accept the invitation: ${url}`,
    "",
    `The link works once and expires ${expires}. If you did not expect this e-mail, ignore it.`,
  ].join("\n");
  const html =
    `<p>${escapeHtml(who)} to join <strong>${escapeHtml(input.companyName)}</strong> on DealCycle as ${escapeHtml(role)}.</p>` +
    `<p><a href="${escapeHtml(url)}">Accept the invitation</a></p>` +
    `<p>The link works once and expires ${escapeHtml(expires)}. If you did not expect this e-mail, ignore it.</p>`;
  await sendMail(permit, { subject: `Join ${input.companyName} on DealCycle`, text, html });
}
