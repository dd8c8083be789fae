import "server-only";
import twilio from "twilio";
import { publicRequestUrl } from "@/lib/core/api/public-url";
import type { VerifiedWebhook, WebhookProvider } from "@/lib/core/api/with-webhook";
import { AppError } from "@/lib/core/errors";
import { findTenantById } from "@/lib/core/tenancy/resolve-tenant";
import { E164_PATTERN } from "@/lib/validation/phone";
import { ProviderSid } from "@/models/provider-sid";
import { tenantIdForNumber, twilioCredentials } from "./twilio-account";

export const TWILIO_SIGNATURE_HEADER = "x-twilio-signature";
const REFUSED = "The request signature is not valid.";
const UNKNOWN = "Not found.";

type Company = { tenantId: string; accountSid: string; authTokens: string[] } | null;

// Who owns a number, and its tokens, for a few seconds: a burst of webhooks reads them once.
// Saving the account or a number clears it in this process (forgetTwilioCompany); other
// processes see a change within CACHE_MS.
const CACHE_MS = 5_000;
const cache = ((globalThis as unknown as { __dcTwilioCompanies?: Map<string, { at: number; company: Promise<Company> }> }).__dcTwilioCompanies ??= new Map());

async function loadCompany(number: string): Promise<Company> {
  return loadCompanyById(await tenantIdForNumber(number));
}

async function loadCompanyById(tenantId: string | null): Promise<Company> {
  const tenant = tenantId ? await findTenantById(tenantId) : null;
  if (!tenantId || !tenant || tenant.subscription_status === "cancelled") return null;
  const credentials = await twilioCredentials({ tenantId });
  return credentials ? { tenantId, ...credentials } : { tenantId, accountSid: "", authTokens: [] };
}

function companyFor(number: string): Promise<Company> {
  const hit = cache.get(number);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.company;
  const company = loadCompany(number);
  cache.set(number, { at: Date.now(), company });
  company.catch(() => cache.delete(number));
  if (cache.size > 10_000) cache.clear();
  return company;
}

/** Forgets what this process remembers about companies' numbers and tokens (after a settings change). */
export function forgetTwilioCompany(): void {
  cache.clear();
}

/**
 * Twilio's webhooks, form-encoded and signed with X-Twilio-Signature over the public URL and every
 * parameter. The company is the one that owns the company's side of the exchange, which Twilio
 * signs and a caller cannot choose: the number texted or called (`To`) for inbound texts and
 * calls, the sending number (`From`) for the status of what the company sent. The signature must
 * be made with that company's auth token (or its secondary token during a rotation).
 */
export function twilioWebhookBy(companyNumber: (params: Record<string, string>) => string | undefined, bySid = false): WebhookProvider {
  return {
    name: "Twilio",
    async verify(request: Request, body: string): Promise<VerifiedWebhook> {
      const signature = request.headers.get(TWILIO_SIGNATURE_HEADER);
      if (!signature) throw new AppError("forbidden", REFUSED);
      const params = Object.fromEntries(new URLSearchParams(body));
      let company: Company;
      if (bySid) {
        // Recording callbacks name no number: the call they belong to is one we stored, for one company.
        const row = /^CA[0-9a-f]{32}$/i.test(params.CallSid ?? "") ? await ProviderSid.findOne({ sid: params.CallSid }, { tenant_id: 1 }).lean() : null;
        company = row ? await loadCompanyById(String(row.tenant_id)) : null;
      } else {
        const number = companyNumber(params) ?? "";
        if (!E164_PATTERN.test(number)) throw new AppError("not_found", UNKNOWN);
        company = await companyFor(number);
      }
      if (!company) throw new AppError("not_found", UNKNOWN);
      if (!company.authTokens.length) throw new AppError("forbidden", REFUSED);
      const url = publicRequestUrl(request);
      const signed = company.authTokens.some((token) => twilio.validateRequest(token, signature, url, params));
      if (!signed || (params.AccountSid && params.AccountSid !== company.accountSid)) throw new AppError("forbidden", REFUSED);
      return { tenantId: company.tenantId, ref: params.MessageSid || params.CallSid || params.SmsSid || undefined, params };
    },
  };
}

/** Inbound texts and calls: the company is the one whose number was texted or called. */
export const twilioWebhook: WebhookProvider = twilioWebhookBy((p) => p.To);

/** Status of a text the company sent: its sending number. */
export const twilioMessageStatusWebhook: WebhookProvider = twilioWebhookBy((p) => p.From);

/** A call's callbacks: the called number for an inbound call, the calling number for one we placed. */
export const twilioCallWebhook: WebhookProvider = twilioWebhookBy((p) => (p.Direction === "inbound" ? p.To : p.From));

/** A recording's callback: the company of the call it belongs to (a call SID we stored). */
export const twilioRecordingWebhook: WebhookProvider = twilioWebhookBy(() => undefined, true);
