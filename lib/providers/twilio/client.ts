import "server-only";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { twilioCredentials } from "./twilio-account";

/**
 * Where Twilio's REST API is: TWILIO_API_BASE (the local Twilio of development and tests,
 * scripts/lib/local-twilio.mjs), or unset for Twilio itself. The one setting that differs; the
 * SDK, its requests and its errors are the production ones.
 */
export function twilioApiBase(): string | null {
  const base = process.env.TWILIO_API_BASE?.trim();
  return base ? base.replace(/\/+$/, "") : null;
}

/**
 * The SDK's documented seam: a custom httpClient whose request() the SDK calls for every API
 * call. It hands the request to the SDK's own RequestClient, with the scheme, host and port of
 * TWILIO_API_BASE instead of api.twilio.com (path, query, auth and body untouched).
 */
class RebasedRequestClient {
  private readonly inner = new twilio.RequestClient({ timeout: 10_000 });
  constructor(private readonly base: string) {}
  request<T>(opts: RequestClient.RequestOptions<T>) {
    const original = new URL(opts.uri);
    const target = new URL(`${original.pathname}${original.search}`, this.base);
    return this.inner.request<T>({ ...opts, uri: target.href });
  }
}

const clients = new Map<string, twilio.Twilio>();

/** The SDK client for an account (cached per account, token and API base). */
export function makeTwilioClient(accountSid: string, authToken: string): twilio.Twilio {
  const base = twilioApiBase();
  const key = `${accountSid}:${authToken}:${base ?? ""}`;
  let client = clients.get(key);
  if (!client) {
    client = twilio(accountSid, authToken, base ? { httpClient: new RebasedRequestClient(base) as unknown as twilio.RequestClient } : { timeout: 10_000 });
    if (clients.size > 500) clients.clear();
    clients.set(key, client);
  }
  return client;
}

/** The company's Twilio client, or null when it has no account saved. */
export async function twilioClientFor(ctx: TenantContext): Promise<{ client: twilio.Twilio; accountSid: string } | null> {
  const credentials = await twilioCredentials(ctx);
  if (!credentials) return null;
  return { client: makeTwilioClient(credentials.accountSid, credentials.authTokens[0]), accountSid: credentials.accountSid };
}

/** A Twilio API refusal (RestException): its HTTP status and Twilio error code. */
export function twilioErrorOf(err: unknown): { status: number; code: number | null; message: string } | null {
  if (err instanceof twilio.RestException || (err && typeof err === "object" && "status" in err && "code" in err && (err as { name?: string }).name !== "AppError")) {
    const e = err as { status?: number; code?: number; message?: string };
    if (typeof e.status === "number") return { status: e.status, code: typeof e.code === "number" ? e.code : null, message: e.message ?? "" };
  }
  return null;
}

/** Twilio's error codes in words a rep understands. */
export function explainTwilioError(code: number | string | null | undefined, fallback?: string): string {
  switch (Number(code)) {
    case 21610:
      return "This number replied STOP: Twilio refuses to text it until it replies START.";
    case 21211:
      return "This is not a valid phone number.";
    case 21408:
      return "Texts to this country or region are not enabled on the Twilio account.";
    case 21614:
      return "This number cannot receive texts (a landline?).";
    case 30003:
      return "The phone is off or unreachable.";
    case 30004:
      return "The recipient blocked this message.";
    case 30005:
      return "This number does not exist or is no longer in service.";
    case 30006:
      return "This is a landline or a number that cannot receive texts.";
    case 30007:
      return "Carrier filtered this message (it looked like spam).";
    case 30008:
      return "The carrier could not deliver this message.";
    case 30034:
      return "Carrier blocked the message: the sender's A2P 10DLC registration is not approved.";
    case 20003:
      return "Twilio refused the account SID or auth token.";
    default:
      return fallback || (code ? `Twilio error ${code}.` : "Twilio could not send this message.");
  }
}
