import { withProviderWebhook } from "@/lib/core/api/with-webhook";
import { receiveInboundCall } from "@/lib/communications/calls/call-webhooks";
import { twilioWebhook } from "@/lib/providers/twilio/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/webhooks/twilio/voice: an inbound call (the company is the number called); answers TwiML. */
export const POST = withProviderWebhook(twilioWebhook, (_request, ctx, event) => receiveInboundCall(ctx, event.params));
