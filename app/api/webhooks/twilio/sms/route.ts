import { withProviderWebhook } from "@/lib/core/api/with-webhook";
import { receiveInboundSms } from "@/lib/communications/inbound/inbound-sms";
import { twilioWebhook } from "@/lib/providers/twilio/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/webhooks/twilio/sms: an inbound text (the company is the number texted). */
export const POST = withProviderWebhook(twilioWebhook, (_request, ctx, event) => receiveInboundSms(ctx, event.params));
