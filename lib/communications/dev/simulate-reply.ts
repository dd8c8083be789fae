import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { twilioApiBase } from "@/lib/providers/twilio/client";
import { companyNumbers } from "@/lib/providers/twilio/sender";
import { twilioCredentials } from "@/lib/providers/twilio/twilio-account";
import { twilioWebhookUrl } from "@/lib/providers/twilio/urls";
import { TwilioAccount } from "@/models/twilio-account";
import { pickPhone } from "../compliance/gate";
import { loadRecipient, type RecipientKind } from "../recipients";

function isLoopback(base: string): boolean {
  const host = new URL(base).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "::1";
}

/** The local Twilio's base URL when this company texts through it (its account is simulated); else null. */
export async function simulatedTwilioBase(ctx: TenantContext): Promise<string | null> {
  const base = twilioApiBase();
  if (!base || !isLoopback(base)) return null;
  const account = await scoped(ctx, TwilioAccount).findOne({}, { simulated: 1 }).lean();
  return account?.simulated ? base : null;
}

/**
 * Development and demo only (a company on the local, simulated Twilio): makes a lead or buyer
 * "reply" (a text, with `photos` generated photos as an MMS, or a call when `call` is set) by asking the local Twilio to post the signed
 * inbound webhook, as Twilio would when the person texts the company's number. The app then
 * handles it like any inbound text. Refused for a company on Twilio itself.
 */
export async function simulateInboundReply(ctx: TenantContext, input: { to: { kind: RecipientKind; id: string }; body?: string; call?: boolean; photos?: number }): Promise<{ sid: string }> {
  requirePermission(ctx, "communications.write");
  const base = await simulatedTwilioBase(ctx);
  if (!base) throw new AppError("forbidden", "Simulated replies exist only for a workspace on the local, simulated Twilio.");
  const recipient = await loadRecipient(ctx, input.to.kind, input.to.id);
  if (!recipient) throw notFound(input.to.kind === "lead" ? "Lead" : "Buyer");
  const phone = pickPhone(recipient);
  const [number] = await companyNumbers(ctx);
  const credentials = await twilioCredentials(ctx);
  if (!phone || !number || !credentials) throw new AppError("bad_request", "The recipient needs a phone number and the workspace a Twilio number.");
  const body = (input.body ?? "").slice(0, 1600);
  const photos = input.call ? 0 : Math.max(0, Math.min(3, Math.trunc(input.photos ?? 0)));
  if (!input.call && !body.trim() && !photos) throw new AppError("bad_request", "Please correct the highlighted fields.", { body: ["Write the reply"] });
  const post = (path: string, payload: unknown) =>
    fetch(`${base}/_control/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload), signal: AbortSignal.timeout(20_000) }).then(async (r) => {
      if (!r.ok) throw new AppError("internal", `The local Twilio refused: ${await r.text()}`);
      return r.json() as Promise<{ status: number; sid: string; body: string }>;
    });
  await post("accounts", { sid: credentials.accountSid, token: credentials.authTokens[0] });
  const result = await post(input.call ? "inbound-call" : "inbound-sms", {
    accountSid: credentials.accountSid,
    to: number,
    from: phone.number,
    body,
    ...(photos ? { photos } : {}),
    url: twilioWebhookUrl(input.call ? "voice" : "sms"),
  });
  if (result.status >= 400 || result.status === 0) throw new AppError("internal", `The webhook answered ${result.status}: ${result.body.slice(0, 200)}`);
  return { sid: result.sid };
}
