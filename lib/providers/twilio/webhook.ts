import "server-only";
import twilio from "twilio";
import { publicRequestUrl } from "@/lib/api/public-url";
import type { VerifiedWebhook, WebhookProvider } from "@/lib/api/with-webhook";
import { AppError } from "@/lib/errors";
import { findTenantById } from "@/lib/tenancy/resolve-tenant";
import { E164_PATTERN } from "@/lib/validation/phone";
import { tenantIdForNumber, twilioCredentials } from "./twilio-account";

export const TWILIO_SIGNATURE_HEADER = "x-twilio-signature";
const REFUSED = "The request signature is not valid.";
const UNKNOWN = "Not found.";

/**
 * Twilio's webhooks (inbound texts and calls, status callbacks), form-encoded and signed with
 * X-Twilio-Signature over the public URL and every parameter. The company is the one that owns the
 * `To` number (the number that was texted or called, which Twilio signs), and the signature must be
 * made with that company's auth token (or its secondary token during a rotation) for its account.
 */
export const twilioWebhook: WebhookProvider = {
  name: "Twilio",
  async verify(request: Request, body: string): Promise<VerifiedWebhook> {
    const signature = request.headers.get(TWILIO_SIGNATURE_HEADER);
    if (!signature) throw new AppError("forbidden", REFUSED);
    const params = Object.fromEntries(new URLSearchParams(body));
    const to = params.To ?? "";
    if (!E164_PATTERN.test(to)) throw new AppError("not_found", UNKNOWN);
    const tenantId = await tenantIdForNumber(to);
    const tenant = tenantId ? await findTenantById(tenantId) : null;
    if (!tenantId || !tenant || tenant.subscription_status === "cancelled") throw new AppError("not_found", UNKNOWN);
    const credentials = await twilioCredentials({ tenantId });
    if (!credentials) throw new AppError("forbidden", REFUSED);
    const url = publicRequestUrl(request);
    const signed = credentials.authTokens.some((token) => twilio.validateRequest(token, signature, url, params));
    if (!signed || (params.AccountSid && params.AccountSid !== credentials.accountSid)) throw new AppError("forbidden", REFUSED);
    return { tenantId, ref: params.MessageSid || params.CallSid || params.SmsSid || undefined, params };
  },
};
