import { withProviderWebhook } from "@/lib/core/api/with-webhook";
import { receiveMessageStatus } from "@/lib/communications/inbound/message-status";
import { twilioMessageStatusWebhook } from "@/lib/providers/twilio/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/webhooks/twilio/message-status: a sent text's status (the company is the sending number). */
export const POST = withProviderWebhook(twilioMessageStatusWebhook, (_request, ctx, event) => receiveMessageStatus(ctx, event.params));
