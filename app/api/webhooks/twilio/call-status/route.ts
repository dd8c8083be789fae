import { withProviderWebhook } from "@/lib/core/api/with-webhook";
import { receiveCallStatus } from "@/lib/communications/calls/call-webhooks";
import { twilioCallWebhook } from "@/lib/providers/twilio/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/webhooks/twilio/call-status: a call's status (only forward). */
export const POST = withProviderWebhook(twilioCallWebhook, (request, ctx, event) => receiveCallStatus(ctx, event.params, new URL(request.url).searchParams));
