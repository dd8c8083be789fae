import { withProviderWebhook } from "@/lib/core/api/with-webhook";
import { twilioWebhook } from "@/lib/providers/twilio/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * POST /api/webhooks/twilio/ping: a signed Twilio webhook that does nothing but answer empty TwiML,
 * so a company can point a number at it to check its signature and number set-up (403 for a bad
 * signature, 404 for a number no workspace owns).
 */
export const POST = withProviderWebhook(twilioWebhook, async () => new Response("<Response/>", { headers: { "Content-Type": "text/xml; charset=utf-8" } }));
